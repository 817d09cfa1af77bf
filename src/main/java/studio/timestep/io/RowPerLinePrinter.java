package studio.timestep.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.util.Set;

/**
 * Compact JSON with each top-level field on its own line and each row of the named matrices on
 * its own line: a 2000 × 2000 plan stays a file one can read and diff, without one number a line.
 */
final class RowPerLinePrinter extends MinimalPrettyPrinter {
    private final Set<String> matrices;

    RowPerLinePrinter(Set<String> matrices) {
        this.matrices = matrices;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (atRootObject(g)) {
            g.writeRaw("\n  ");
        }
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        super.writeObjectEntrySeparator(g);
        g.writeRaw(atRootObject(g) ? "\n  " : " ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (atRootObject(g)) {
            g.writeRaw("\n");
        }
        super.writeEndObject(g, entries);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (inMatrix(g)) {
            g.writeRaw("\n    ");
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        super.writeArrayValueSeparator(g);
        g.writeRaw(inMatrix(g) ? "\n    " : " ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (inMatrix(g)) {
            g.writeRaw("\n  ");
        }
        super.writeEndArray(g, values);
    }

    private static boolean atRootObject(JsonGenerator g) {
        JsonStreamContext c = g.getOutputContext();
        return c.inObject() && c.getParent() != null && c.getParent().inRoot();
    }

    private boolean inMatrix(JsonGenerator g) {
        JsonStreamContext c = g.getOutputContext();
        JsonStreamContext parent = c.getParent();
        return c.inArray() && parent != null && parent.inObject() && parent.getParent() != null
                && parent.getParent().inRoot() && matrices.contains(parent.getCurrentName());
    }
}
