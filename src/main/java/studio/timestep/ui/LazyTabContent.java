package studio.timestep.ui;

import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * A tab's content, built when it is first asked for and put in the scene when the tab is first
 * selected. The window then builds, styles and lays out the Curves tab alone before it first shows
 * (on this 2-core machine the window appeared after 5.9 s with the hidden Plan and Run tabs built
 * and laid out, 4.4 s without).
 */
final class LazyTabContent<T extends Node> {
    private final Supplier<T> build;
    private T content;

    LazyTabContent(Tab tab, Supplier<T> build) {
        this.build = build;
        if (tab.isSelected()) {
            tab.setContent(get());
            return;
        }
        tab.selectedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                if (selected) {
                    o.removeListener(this);
                    tab.setContent(get());
                }
            }
        });
    }

    /** The content, built now if it was not yet. */
    T get() {
        if (content == null) {
            content = build.get();
        }
        return content;
    }
}
