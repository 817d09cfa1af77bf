package studio.timestep.io;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A process that saves one file over and over, for the kill test: save k writes {@code megabytes}
 * MB of the byte 'a' + k % 2, so a whole file is all one letter, and prints "saved k".
 */
public final class AtomicSaveChild {
    private AtomicSaveChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        byte[] content = new byte[Integer.parseInt(args[1]) << 20];
        for (int k = 0; ; k++) {
            Arrays.fill(content, (byte) ('a' + k % 2));
            AtomicFiles.writeBytes(target, content);
            System.out.println("saved " + k);
        }
    }
}
