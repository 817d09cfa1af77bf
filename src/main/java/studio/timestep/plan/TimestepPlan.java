package studio.timestep.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A vectorized-timestep plan (FVDM, "Redefining Temporal Modeling in Video Diffusion: The Vectorized Timestep Approach"): {@code rows} model evaluations over {@code frames}
 * frames. {@code sigma(r, f)} is the level at which frame f enters row r, {@code finalLevel(f)}
 * its level after the last row; frame f moves in row r exactly when its next level differs.
 * Each row has a window [start, end) of frames the model sees. Immutable: edits return a new
 * plan and share what they do not change.
 */
public final class TimestepPlan {
    public static final int MAX_SIZE = 4096;

    private final int rows;
    private final int frames;
    private final double[] sigma;
    private final double[] finalLevels;
    private final int[] windowStart;
    private final int[] windowEnd;
    private final List<FrameRole> roles;
    private final List<String> prompts;
    private final double[][] promptWeights;
    private final List<PlanStage> stages;
    private final double[] baseSigmas;

    private TimestepPlan(int rows, int frames, double[] sigma, double[] finalLevels, int[] windowStart,
                         int[] windowEnd, List<FrameRole> roles, List<String> prompts, double[][] promptWeights,
                         List<PlanStage> stages, double[] baseSigmas) {
        this.rows = rows;
        this.frames = frames;
        this.sigma = sigma;
        this.finalLevels = finalLevels;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.roles = roles;
        this.prompts = prompts;
        this.promptWeights = promptWeights;
        this.stages = stages;
        this.baseSigmas = baseSigmas;
    }

    /**
     * A plan from its parts; arrays are copied. Windows default to all frames, roles to
     * generate, prompts to one prompt "prompt" with weight 1 for every frame.
     */
    public static Builder builder(int rows, int frames) {
        return new Builder(rows, frames);
    }

    public int rows() {
        return rows;
    }

    public int frames() {
        return frames;
    }

    public double sigma(int row, int frame) {
        return sigma[row * frames + frame];
    }

    public double finalLevel(int frame) {
        return finalLevels[frame];
    }

    /** The level of frame f after row r: the next row's entering level, or the final one. */
    public double next(int row, int frame) {
        return row + 1 < rows ? sigma[(row + 1) * frames + frame] : finalLevels[frame];
    }

    /** Whether frame f is updated in row r (its level changes). */
    public boolean moves(int row, int frame) {
        return next(row, frame) != sigma(row, frame);
    }

    public int windowStart(int row) {
        return windowStart[row];
    }

    public int windowEnd(int row) {
        return windowEnd[row];
    }

    public FrameRole role(int frame) {
        return roles.get(frame);
    }

    public List<FrameRole> roles() {
        return roles;
    }

    public List<String> prompts() {
        return prompts;
    }

    public double promptWeight(int frame, int prompt) {
        return promptWeights[frame][prompt];
    }

    public List<PlanStage> stages() {
        return stages;
    }

    /** The base grid the plan was built from (N+1 sigmas), or an empty array. */
    public double[] baseSigmas() {
        return baseSigmas.clone();
    }

    /** The level matrix itself (row-major, not copied): for this package's hot loops only. */
    double[] levelArray() {
        return sigma;
    }

    /** Rows × frames levels as a copy, row-major. */
    public double[] levels() {
        return sigma.clone();
    }

    public double[] finalLevels() {
        return finalLevels.clone();
    }

    /** The largest window width over all rows. */
    public int widestWindow() {
        int w = 0;
        for (int r = 0; r < rows; r++) {
            w = Math.max(w, windowEnd[r] - windowStart[r]);
        }
        return w;
    }

    // ---- edits -------------------------------------------------------------------------------

    /** Sets the level of the given cells (row-major indices) to one value. */
    public TimestepPlan withLevels(int[] cells, double level) {
        double[] s = sigma.clone();
        for (int c : cells) {
            s[c] = level;
        }
        return withSigma(s);
    }

    /** Replaces the whole level matrix (rows × frames, row-major). */
    public TimestepPlan withSigma(double[] levels) {
        return withOwnedSigma(levels.clone());
    }

    /** Like {@link #withSigma} but keeps the given array (this package's edits hand over a fresh copy). */
    TimestepPlan withOwnedSigma(double[] levels) {
        if (levels.length != rows * frames) {
            throw new IllegalArgumentException("expected " + rows * frames + " levels, got " + levels.length);
        }
        return new TimestepPlan(rows, frames, levels, finalLevels, windowStart, windowEnd, roles, prompts,
                promptWeights, stages, baseSigmas);
    }

    public TimestepPlan withFinalLevels(double[] levels) {
        if (levels.length != frames) {
            throw new IllegalArgumentException("expected " + frames + " final levels, got " + levels.length);
        }
        return new TimestepPlan(rows, frames, sigma, levels.clone(), windowStart, windowEnd, roles, prompts,
                promptWeights, stages, baseSigmas);
    }

    public TimestepPlan withRole(int frame, FrameRole role) {
        List<FrameRole> r = new ArrayList<>(roles);
        r.set(frame, role);
        return new TimestepPlan(rows, frames, sigma, finalLevels, windowStart, windowEnd,
                Collections.unmodifiableList(r), prompts, promptWeights, stages, baseSigmas);
    }

    public TimestepPlan withWindow(int row, int start, int end) {
        if (start < 0 || end > frames || start > end) {
            throw new IllegalArgumentException("window [" + start + ", " + end + ") is not inside [0, " + frames + ")");
        }
        int[] s = windowStart.clone();
        int[] e = windowEnd.clone();
        s[row] = start;
        e[row] = end;
        return new TimestepPlan(rows, frames, sigma, finalLevels, s, e, roles, prompts, promptWeights, stages,
                baseSigmas);
    }

    /**
     * A builder holding this plan with {@code newRows} rows: rows past the old end hold the final
     * levels (nothing moves there) and see every frame.
     */
    public Builder resized(int newRows) {
        Builder b = new Builder(newRows, frames);
        for (int r = 0; r < newRows; r++) {
            if (r < rows) {
                System.arraycopy(sigma, r * frames, b.sigma, r * frames, frames);
                b.window(r, windowStart[r], windowEnd[r]);
            } else {
                System.arraycopy(finalLevels, 0, b.sigma, r * frames, frames);
            }
        }
        System.arraycopy(finalLevels, 0, b.finalLevels, 0, frames);
        for (int f = 0; f < frames; f++) {
            b.role(f, roles.get(f));
        }
        b.prompts(prompts, promptWeights);
        stages.stream().filter(st -> st.endRow() <= newRows).forEach(b::stage);
        return b.baseSigmas(baseSigmas);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestepPlan p && rows == p.rows && frames == p.frames && Arrays.equals(sigma, p.sigma)
                && Arrays.equals(finalLevels, p.finalLevels) && Arrays.equals(windowStart, p.windowStart)
                && Arrays.equals(windowEnd, p.windowEnd) && roles.equals(p.roles) && prompts.equals(p.prompts)
                && Arrays.deepEquals(promptWeights, p.promptWeights) && stages.equals(p.stages)
                && Arrays.equals(baseSigmas, p.baseSigmas);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + frames) + Arrays.hashCode(sigma);
    }

    @Override
    public String toString() {
        return "TimestepPlan[" + rows + " rows × " + frames + " frames]";
    }

    /** Assembles a plan; every array is copied on build. */
    public static final class Builder {
        private final int rows;
        private final int frames;
        private final double[] sigma;
        private final double[] finalLevels;
        private final int[] windowStart;
        private final int[] windowEnd;
        private final FrameRole[] roles;
        private List<String> prompts = List.of("prompt");
        private double[][] promptWeights;
        private final List<PlanStage> stages = new ArrayList<>();
        private double[] baseSigmas = new double[0];

        private Builder(int rows, int frames) {
            if (rows < 1 || frames < 1 || rows > MAX_SIZE || frames > MAX_SIZE) {
                throw new IllegalArgumentException("a plan has 1 to " + MAX_SIZE + " rows and frames, got "
                        + rows + " × " + frames);
            }
            this.rows = rows;
            this.frames = frames;
            this.sigma = new double[rows * frames];
            this.finalLevels = new double[frames];
            this.windowStart = new int[rows];
            this.windowEnd = new int[rows];
            Arrays.fill(windowEnd, frames);
            this.roles = new FrameRole[frames];
            Arrays.fill(roles, FrameRole.GENERATE);
        }

        public int rows() {
            return rows;
        }

        public int frames() {
            return frames;
        }

        public Builder sigma(int row, int frame, double level) {
            sigma[row * frames + frame] = level;
            return this;
        }

        public double sigma(int row, int frame) {
            return sigma[row * frames + frame];
        }

        /** Sets every row of a frame (a condition frame held at one level). */
        public Builder column(int frame, double level) {
            for (int r = 0; r < rows; r++) {
                sigma[r * frames + frame] = level;
            }
            finalLevels[frame] = level;
            return this;
        }

        public Builder finalLevel(int frame, double level) {
            finalLevels[frame] = level;
            return this;
        }

        public Builder window(int row, int start, int end) {
            windowStart[row] = start;
            windowEnd[row] = end;
            return this;
        }

        public Builder role(int frame, FrameRole role) {
            roles[frame] = role;
            return this;
        }

        public Builder prompts(List<String> names, double[][] weights) {
            this.prompts = List.copyOf(names);
            this.promptWeights = weights;
            return this;
        }

        public Builder stage(PlanStage stage) {
            stages.add(stage);
            return this;
        }

        public Builder baseSigmas(double[] base) {
            this.baseSigmas = base.clone();
            return this;
        }

        public TimestepPlan build() {
            double[][] weights = promptWeights;
            if (weights == null) {
                weights = new double[frames][prompts.size()];
                for (double[] w : weights) {
                    Arrays.fill(w, 1.0 / prompts.size());
                }
            }
            if (weights.length != frames) {
                throw new IllegalArgumentException("prompt weights needed for each of the " + frames + " frames");
            }
            double[][] copy = new double[frames][];
            for (int f = 0; f < frames; f++) {
                if (weights[f].length != prompts.size()) {
                    throw new IllegalArgumentException("frame " + f + " needs " + prompts.size() + " prompt weights");
                }
                copy[f] = weights[f].clone();
            }
            for (int r = 0; r < rows; r++) {
                if (windowStart[r] < 0 || windowEnd[r] > frames || windowStart[r] > windowEnd[r]) {
                    throw new IllegalArgumentException("row " + r + ": window [" + windowStart[r] + ", "
                            + windowEnd[r] + ") is not inside [0, " + frames + ")");
                }
            }
            return new TimestepPlan(rows, frames, sigma.clone(), finalLevels.clone(), windowStart.clone(),
                    windowEnd.clone(), List.of(roles), prompts, copy, List.copyOf(stages), baseSigmas.clone());
        }
    }
}
