package studio.timestep.ui;

import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.FramePreview;
import studio.timestep.report.FrameImages;

/** Frames in a model's space as FX images; made off the FX thread (the conversion is the costly part). */
final class PreviewPictures {
    /** Points across a filmstrip picture. */
    static final int WIDTH = 64;

    private PreviewPictures() {
    }

    static List<Image> of(FramePreview preview, INDArray frames) {
        INDArray pixels = preview.rgb(frames);
        return FrameImages.pictures(pixels, FrameImages.scaleFor(pixels, WIDTH)).stream()
                .map(b -> (Image) SwingFXUtils.toFXImage(b, null)).toList();
    }
}
