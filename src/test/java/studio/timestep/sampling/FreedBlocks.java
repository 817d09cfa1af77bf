package studio.timestep.sampling;

import org.bytedeco.javacpp.Pointer;

/**
 * 200 MiB malloc'd in 64 KiB blocks (below glibc's mmap threshold), touched and freed but for the
 * last, which keeps the heap's top from shrinking on its own: freed memory that stays resident
 * until it is trimmed. Close to free the last block.
 */
final class FreedBlocks implements AutoCloseable {
    private static final long BLOCK = 64 << 10;
    private static final int BLOCKS = 3200;

    private final Pointer last;

    FreedBlocks() {
        Pointer[] blocks = new Pointer[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = Pointer.malloc(BLOCK);
            Pointer.memset(blocks[i], 1, BLOCK);
        }
        for (int i = 0; i < BLOCKS - 1; i++) {
            Pointer.free(blocks[i]);
        }
        last = blocks[BLOCKS - 1];
    }

    @Override
    public void close() {
        Pointer.free(last);
    }
}
