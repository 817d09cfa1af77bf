package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layers of the Wan2.1 VAE decoder (diffusers autoencoder_kl_wan.py at 58eb52c0) on chunks of
 * frames laid out [frames, channels, height, width]. Each layer keeps what the next chunk needs
 * (a causal convolution its last input frames, an upsample3d whether it has seen frame 0), so
 * decoding a latent frame at a time gives exactly the whole-sequence result while only a few
 * frames per layer are held. Layers release the arrays they make and no longer need, and the
 * decoder releases each layer's input once the next has it: at 480×832 one top-level array is
 * 600 MB, and left to the garbage collector they took the resident memory past 22 GB.
 */
final class WanVaeLayers {
    private WanVaeLayers() {
    }

    /** A chunk in, a chunk out; the layer may remember the chunk for the next one. */
    interface Layer {
        INDArray apply(INDArray x);
    }

    /** Conv2d with a kernel's taps, stride 1, padding (k − 1)/2, on every frame of [frames, in, h, w]. */
    static INDArray conv2d(INDArray x, Taps taps, INDArray bias) {
        INDArray out = Nd4j.create(DataType.FLOAT, x.size(0), bias.length(), x.size(2), x.size(3));
        for (long t = 0; t < x.size(0); t++) {
            taps.accumulate(x.get(NDArrayIndex.point(t)), out.get(NDArrayIndex.point(t)));
        }
        return addBias(out, bias);
    }

    static INDArray addBias(INDArray x, INDArray bias) {
        return bias == null ? x : Nd4j.getExecutioner().exec(new BroadcastAddOp(x, bias, x, 1));
    }

    /**
     * A 2-D kernel as one [out, in] matrix per tap. A frame is convolved as one product per tap
     * over the zero-padded frame, each product added into the output shifted by its tap — no
     * unfolded copy of the input (ND4J's conv2d unfolds 9 values per input value: 1.4 GB for one
     * 96-channel 480×832 frame). Temporaries live in the thread's workspace: fresh native memory
     * costs a page fault per 4 KiB on first touch on these machines.
     */
    static final class Taps {
        private final INDArray[] taps;
        private final int kh;
        private final int kw;

        Taps(INDArray weight) {
            kh = (int) weight.size(2);
            kw = (int) weight.size(3);
            taps = new INDArray[kh * kw];
            for (int dy = 0; dy < kh; dy++) {
                for (int dx = 0; dx < kw; dx++) {
                    taps[dy * kw + dx] = weight.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(dy),
                            NDArrayIndex.point(dx)).dup('c');
                }
            }
        }

        /** out [O, h, w] += this kernel over x [I, h, w]. */
        void accumulate(INDArray x, INDArray out) {
            long in = x.size(0);
            long h = x.size(1);
            long w = x.size(2);
            long o = out.size(0);
            if (kh == 1 && kw == 1) {
                INDArray product = Scratch.take("product", o, h * w);
                Nd4j.gemm(taps[0], x.reshape(in, h * w), product, false, false, 1, 0);
                out.addi(product.reshape(o, h, w));
                return;
            }
            long ph = (kh - 1) / 2;
            long pw = (kw - 1) / 2;
            long positions = (h + 2 * ph) * (w + 2 * pw);
            INDArray padded = Scratch.take("padded", in, h + 2 * ph, w + 2 * pw).assign(0);
            padded.get(NDArrayIndex.all(), NDArrayIndex.interval(ph, ph + h), NDArrayIndex.interval(pw, pw + w)).assign(x);
            INDArray flat = padded.reshape(in, positions);
            INDArray product = Scratch.take("product", o, positions);
            // sums in the padded frame's flat positions: output (i, j) is position i·(w + 2pw) + j, and
            // tap (dy, dx) reads position + dy·(w + 2pw) + dx, so each tap's product adds in shifted by one
            // offset along whole rows (a 3-D shifted view per tap was 3× slower)
            INDArray sum = Scratch.take("sum", o, positions).assign(0);
            for (int dy = 0; dy < kh; dy++) {
                for (int dx = 0; dx < kw; dx++) {
                    long shift = dy * (w + 2 * pw) + dx;
                    Nd4j.gemm(taps[dy * kw + dx], flat, product, false, false, 1, 0);
                    sum.get(NDArrayIndex.all(), NDArrayIndex.interval(0, positions - shift))
                            .addi(product.get(NDArrayIndex.all(), NDArrayIndex.interval(shift, positions)));
                }
            }
            out.addi(sum.reshape(o, h + 2 * ph, w + 2 * pw).get(NDArrayIndex.all(), NDArrayIndex.interval(0, h),
                    NDArrayIndex.interval(0, w)));
        }
    }

    /**
     * A thread's scratch arrays for the convolutions, one per role, grown to the largest size asked
     * and then reused: fresh native memory costs a page fault per 4 KiB on first touch on these
     * machines (0.46 GB per 480×832 tap product), and a workspace that learned a smaller level's
     * size spilled to fresh memory at every call of a larger one.
     */
    static final class Scratch {
        private static final ThreadLocal<java.util.Map<String, INDArray>> BUFFERS = ThreadLocal.withInitial(java.util.HashMap::new);

        private Scratch() {
        }

        /** A c-order array of {@code shape} over the role's buffer (its values are whatever was there). */
        static INDArray take(String role, long... shape) {
            long length = 1;
            for (long d : shape) {
                length *= d;
            }
            java.util.Map<String, INDArray> buffers = BUFFERS.get();
            INDArray buffer = buffers.get(role);
            if (buffer == null || buffer.length() < length) {
                if (buffer != null) {
                    buffer.close();
                }
                try (var outside = WanWorkspace.outside()) {
                    buffer = Nd4j.createUninitialized(DataType.FLOAT, new long[] {length}, 'c');
                }
                buffers.put(role, buffer);
            }
            return (buffer.length() == length ? buffer : buffer.get(NDArrayIndex.interval(0, length))).reshape('c', shape);
        }
    }

    /**
     * WanRMS_norm over channels at each pixel: x / max(‖x‖₂, 1e-12) · √C · γ (F.normalize; no
     * epsilon inside a square root).
     */
    static INDArray rmsNorm(INDArray x, INDArray gamma) {
        INDArray norms = Transforms.max(x.norm2(1), 1e-12, false);
        INDArray out = Nd4j.getExecutioner().exec(new BroadcastDivOp(x, norms, x.ulike(), 0, 2, 3));
        norms.close();
        INDArray scale = gamma.reshape(gamma.length()).mul(Math.sqrt(x.size(1)));
        return Nd4j.getExecutioner().exec(new BroadcastMulOp(out, scale, out, 1));
    }

    /** x · sigmoid(x), in place. */
    static INDArray silu(INDArray x) {
        INDArray gate = Transforms.sigmoid(x, true);
        x.muli(gate);
        gate.close();
        return x;
    }

    /** A layer's output for an input that is no longer needed: the input's memory is released now. */
    static INDArray replacing(INDArray input, INDArray output) {
        if (output != input) {
            input.close();
        }
        return output;
    }

    /**
     * WanCausalConv3d: zero frames in front only (kt − 1 of them), (k − 1)/2 pixels around; the
     * frames in front are the previous chunk's last input frames once there was one. Computed as a
     * sum over the kernel's time offsets of 2-D convolutions ({@link Taps}), one output frame at a time.
     */
    static final class CausalConv implements Layer {
        private final Taps[] kernels;
        private final INDArray bias;
        private INDArray previous;

        CausalConv(INDArray weight, INDArray bias) {
            int kt = (int) weight.size(2);
            kernels = new Taps[kt];
            for (int dt = 0; dt < kt; dt++) {
                kernels[dt] = new Taps(weight.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(dt), NDArrayIndex.all(),
                        NDArrayIndex.all()));
            }
            this.bias = bias;
        }

        @Override
        public INDArray apply(INDArray x) {
            int front = kernels.length - 1;
            long frames = x.size(0);
            INDArray all = x;
            if (front > 0) {
                // the carried frames, then the chunk, in the thread's scratch; the carried frames are kept in one
                // array of this layer's own, refilled each chunk (fresh arrays of this size cost page faults)
                if (previous == null) {
                    previous = Nd4j.create(DataType.FLOAT, front, x.size(1), x.size(2), x.size(3));
                }
                all = Scratch.take("frames", front + frames, x.size(1), x.size(2), x.size(3));
                all.get(NDArrayIndex.interval(0, front)).assign(previous);
                all.get(NDArrayIndex.interval(front, front + frames)).assign(x);
                previous.assign(all.get(NDArrayIndex.interval(frames, frames + front)));
            }
            INDArray out = Nd4j.create(DataType.FLOAT, frames, bias.length(), x.size(2), x.size(3));
            for (long t = 0; t < frames; t++) {
                for (int dt = 0; dt < kernels.length; dt++) {
                    kernels[dt].accumulate(all.get(NDArrayIndex.point(t + dt)), out.get(NDArrayIndex.point(t)));
                }
            }
            return addBias(out, bias);
        }
    }

    /** WanResidualBlock: conv2(SiLU(norm2(conv1(SiLU(norm1(x)))))) + shortcut(x). */
    static final class Residual implements Layer {
        private final INDArray gamma1;
        private final CausalConv conv1;
        private final INDArray gamma2;
        private final CausalConv conv2;
        private final CausalConv shortcut;

        Residual(INDArray gamma1, CausalConv conv1, INDArray gamma2, CausalConv conv2, CausalConv shortcut) {
            this.gamma1 = gamma1;
            this.conv1 = conv1;
            this.gamma2 = gamma2;
            this.conv2 = conv2;
            this.shortcut = shortcut;
        }

        @Override
        public INDArray apply(INDArray x) {
            INDArray h = shortcut == null ? x : shortcut.apply(x);
            INDArray n1 = silu(rmsNorm(x, gamma1));
            INDArray y1 = replacing(n1, conv1.apply(n1));
            INDArray n2 = replacing(y1, silu(rmsNorm(y1, gamma2)));
            INDArray y = replacing(n2, conv2.apply(n2));
            y.addi(h);
            if (h != x) {
                h.close();
            }
            return y;
        }
    }

    /** WanAttentionBlock: one head over each frame's pixels, softmax(q·kᵀ/√C)·v, projected, plus the input. */
    static final class Attention implements Layer {
        private final INDArray gamma;
        private final INDArray qkv;
        private final INDArray qkvBias;
        private final INDArray proj;
        private final INDArray projBias;

        Attention(INDArray gamma, INDArray qkv, INDArray qkvBias, INDArray proj, INDArray projBias) {
            this.gamma = gamma;
            long c = proj.size(0);
            this.qkv = qkv.reshape(3 * c, c);
            this.qkvBias = qkvBias.reshape(3 * c, 1);
            this.proj = proj.reshape(c, c);
            this.projBias = projBias.reshape(c, 1);
        }

        @Override
        public INDArray apply(INDArray x) {
            long frames = x.size(0);
            long c = x.size(1);
            long pixels = x.size(2) * x.size(3);
            INDArray out = x.dup('c');
            INDArray normed = rmsNorm(x, gamma);
            for (long t = 0; t < frames; t++) {
                INDArray f = normed.get(NDArrayIndex.point(t)).reshape(c, pixels);
                INDArray all = qkv.mmul(f).addiColumnVector(qkvBias);
                INDArray q = all.get(NDArrayIndex.interval(0, c), NDArrayIndex.all());
                INDArray k = all.get(NDArrayIndex.interval(c, 2 * c), NDArrayIndex.all());
                INDArray v = all.get(NDArrayIndex.interval(2 * c, 3 * c), NDArrayIndex.all());
                INDArray scores = q.transpose().mmul(k).muli(1 / Math.sqrt(c));
                WanRowKernels.softmaxLastAxis(scores);
                INDArray attended = proj.mmul(v.mmul(scores.transpose())).addiColumnVector(projBias);
                out.get(NDArrayIndex.point(t)).addi(attended.reshape(c, x.size(2), x.size(3)));
                all.close();
                scores.close();
                attended.close();
            }
            normed.close();
            return out;
        }
    }

    /**
     * WanResample up: upsample3d (timeConv set) doubles the frames after frame 0 — frame 0 of the
     * sequence passes alone (the "Rep" marker), the others go through the causal time convolution
     * whose 2C output channels interleave into twice the frames — then every frame is doubled in
     * space (nearest) and convolved 3×3 to C/2 channels (upsample2d).
     */
    static final class Upsample implements Layer {
        private final CausalConv timeConv;
        private final Taps resample;
        private final INDArray resampleBias;
        private boolean seenFirst;

        Upsample(CausalConv timeConv, INDArray resample, INDArray resampleBias) {
            this.timeConv = timeConv;
            this.resample = new Taps(resample);
            this.resampleBias = resampleBias;
        }

        @Override
        public INDArray apply(INDArray x) {
            INDArray frames = x;
            INDArray owner = null; // what holds frames' memory when this layer made it
            if (timeConv != null) {
                INDArray first = null;
                INDArray rest = x;
                if (!seenFirst) {
                    seenFirst = true;
                    first = x.get(NDArrayIndex.interval(0, 1)).dup('c');
                    rest = x.size(0) > 1 ? x.get(NDArrayIndex.interval(1, x.size(0))).dup('c') : null;
                }
                INDArray y = null;
                if (rest != null) {
                    y = timeConv.apply(rest);
                    if (rest != x) {
                        rest.close();
                    }
                }
                // [t, 2C, h, w] → [2t, C, h, w]: frame 2i is channels 0…C−1 of step i, frame 2i+1 channels C…2C−1
                INDArray doubled = y == null ? null : y.reshape(2 * y.size(0), y.size(1) / 2, y.size(2), y.size(3));
                if (first == null) {
                    frames = doubled;
                    owner = y;
                } else if (y == null) {
                    frames = first;
                    owner = first;
                } else {
                    frames = Nd4j.concat(0, first, doubled);
                    first.close();
                    y.close();
                    owner = frames;
                }
            }
            INDArray up = Nd4j.cnn().upsampling2d(frames, 2);
            if (owner != null) {
                owner.close();
            }
            INDArray out = conv2d(up, resample, resampleBias);
            up.close();
            return out;
        }
    }
}
