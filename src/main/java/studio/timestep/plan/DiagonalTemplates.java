package studio.timestep.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.SigmaGrid;

/**
 * Plans in which later frames start later ("Vectorized Timestepについて" ⑦): the Diffusion Forcing pyramid,
 * SkyReels-V2 diffusion forcing, FIFO/rolling diagonal windows, and a MAGI-1 style chunk
 * staircase. In step indices a frame at index k has taken k steps: level σ_k of the base grid.
 */
final class DiagonalTemplates {
    private DiagonalTemplates() {
    }

    /**
     * Diffusion Forcing pyramid: remaining steps M[m][t] = clip(S + ⌊t·u⌋ - m, 0, S); frame t at
     * row m has level σ_{S - M}. Rows run until the last frame is clean.
     */
    static TimestepPlan pyramid(int frames, double uncertainty, SigmaGrid grid) {
        int s = grid.steps();
        long rows = s + (long) Math.floor((frames - 1) * uncertainty);
        checkSize(rows, "uncertainty");
        TimestepPlan.Builder b = TimestepPlan.builder((int) rows, frames).baseSigmas(grid.sigmas());
        for (int m = 0; m < rows; m++) {
            for (int t = 0; t < frames; t++) {
                long remaining = Math.max(0, Math.min(s, s + (long) Math.floor(t * uncertainty) - m));
                b.sigma(m, t, grid.sigma((int) (s - remaining)));
            }
        }
        return b.build();
    }

    /**
     * SkyReels-V2 {@code generate_timestep_matrix}: step indices per block (0 untouched noise,
     * 1..S steps, S+1 done); each row the first block advances, block i follows block i-1 by
     * ar_step until that one is done; prefix blocks start done. Windows slide over at most
     * {@code baseFrames} frames. Index k in 1..S evaluates the model at σ_{k-1}.
     */
    static TimestepPlan skyreels(int frames, int baseFrames, int arStep, int block, int prefix, SigmaGrid grid) {
        if (frames % block != 0) {
            throw new InvalidParameterException("block", "frames (" + frames + ") must be a multiple of the causal block ("
                    + block + ")");
        }
        int s = grid.steps();
        int blocks = frames / block;
        int baseBlocks = baseFrames / block;
        if (baseBlocks < 1) {
            throw new InvalidParameterException("base-frames", "must hold at least one block of " + block + " frames");
        }
        if (baseBlocks < blocks && arStep < (double) s / baseBlocks) {
            throw new InvalidParameterException("ar-step", "must be at least " + (int) Math.ceil((double) s / baseBlocks)
                    + " when " + blocks + " blocks run in a window of " + baseBlocks + " (S / base blocks), got " + arStep);
        }
        int prefixBlocks = prefix / block;
        if (prefixBlocks >= blocks) {
            throw new InvalidParameterException("prefix", "covers every frame; nothing is left to generate");
        }
        int done = s + 1;
        List<int[]> indices = new ArrayList<>();
        List<boolean[]> masks = new ArrayList<>();
        int[] prev = new int[blocks];
        Arrays.fill(prev, 0, prefixBlocks, done);
        while (!allAtLeast(prev, s)) {
            int[] next = new int[blocks];
            for (int i = 0; i < blocks; i++) {
                next[i] = i == 0 || prev[i - 1] >= s ? prev[i] + 1 : next[i - 1] - arStep;
            }
            boolean[] mask = new boolean[blocks];
            for (int i = 0; i < blocks; i++) {
                next[i] = Math.max(0, Math.min(done, next[i]));
                mask[i] = next[i] != prev[i] && next[i] != done;
            }
            indices.add(next);
            masks.add(mask);
            prev = next;
            checkSize(indices.size(), "ar-step");
        }
        TimestepPlan.Builder b = TimestepPlan.builder(indices.size(), frames).baseSigmas(grid.sigmas());
        int terminal = baseBlocks;
        for (int r = 0; r < indices.size(); r++) {
            if (terminal < blocks && masks.get(r)[terminal]) {
                terminal++;
            }
            b.window(r, Math.max(terminal - baseBlocks, 0) * block, Math.min(terminal, blocks) * block);
            for (int f = 0; f < frames; f++) {
                int k = indices.get(r)[f / block];
                b.sigma(r, f, k == 0 ? grid.sigma(0) : k == done ? 0 : grid.sigma(k - 1));
            }
        }
        for (int f = 0; f < prefixBlocks * block; f++) {
            b.role(f, FrameRole.clean(FrameSource.video("prefix.mp4", f)));
        }
        return b.build();
    }

    private static boolean allAtLeast(int[] v, int min) {
        for (int x : v) {
            if (x < min) {
                return false;
            }
        }
        return true;
    }

    /**
     * FIFO/rolling diagonal: frame f starts {@code lag} rows after frame f-1 and takes one grid
     * step per row; each row's window holds the frames that move in it.
     */
    static TimestepPlan diagonal(int frames, int lag, SigmaGrid grid) {
        return staircase(frames, 1, lag, grid);
    }

    /**
     * MAGI-1 style: chunks of {@code chunkFrames} frames share a level; with K chunks in flight a
     * chunk starts ⌈S/K⌉ rows after the one before.
     */
    static TimestepPlan chunkStaircase(int frames, int chunkFrames, int inFlight, SigmaGrid grid) {
        int lag = (int) Math.ceil(grid.steps() / (double) inFlight);
        return staircase(frames, chunkFrames, lag, grid);
    }

    private static TimestepPlan staircase(int frames, int chunk, int lag, SigmaGrid grid) {
        int s = grid.steps();
        int chunks = (frames + chunk - 1) / chunk;
        long rows = (long) (chunks - 1) * lag + s;
        checkSize(rows, "lag");
        TimestepPlan.Builder b = TimestepPlan.builder((int) rows, frames).baseSigmas(grid.sigmas());
        for (int r = 0; r < rows; r++) {
            int first = frames;
            int end = 0;
            for (int f = 0; f < frames; f++) {
                int c = f / chunk;
                int k = Math.max(0, Math.min(s, r - c * lag));
                b.sigma(r, f, grid.sigma(k));
                if (r - c * lag >= 0 && r - c * lag < s) {
                    first = Math.min(first, f);
                    end = f + 1;
                }
            }
            b.window(r, Math.min(first, end), end);
        }
        return b.build();
    }

    private static void checkSize(long rows, String field) {
        if (rows > TimestepPlan.MAX_SIZE) {
            throw new InvalidParameterException(field, "gives " + rows + " rows; a plan has at most " + TimestepPlan.MAX_SIZE);
        }
    }
}
