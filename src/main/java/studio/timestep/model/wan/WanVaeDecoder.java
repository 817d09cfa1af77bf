package studio.timestep.model.wan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsCheckpoint;

/**
 * The Wan2.1 VAE's decode (diffusers {@code AutoencoderKLWan._decode}) with the pipeline's latent
 * un-normalisation in front (pipeline_wan.py: z = latents · std + mean per channel). T latent
 * frames of h × w give 1 + 4·(T − 1) frames of 8h × 8w in [−1, 1]. The decoder runs one latent
 * frame at a time, as diffusers does, each layer carrying what the next frame needs, and hands
 * each chunk of frames out as it is made: memory holds a few frames per layer, not the video.
 * The structure (residual blocks per level, which levels upsample in time) is read from the
 * weights' names, as the config implies it.
 */
public final class WanVaeDecoder {
    private final WanVaeConfig config;
    private final SafetensorsCheckpoint weights;

    private WanVaeDecoder(WanVaeConfig config, SafetensorsCheckpoint weights) {
        this.config = config;
        this.weights = weights;
    }

    /** A diffusers {@code vae/} folder: config.json and diffusion_pytorch_model.safetensors. */
    public static WanVaeDecoder open(Path folder) throws FileFormatException {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new FileFormatException(folder, "", "has no config.json (a VAE folder holds config.json and "
                    + "diffusion_pytorch_model.safetensors)");
        }
        WanVaeConfig c = WanVaeConfig.read(config);
        SafetensorsCheckpoint w = SafetensorsCheckpoint.open(folder, null);
        for (String name : new String[] {"post_quant_conv.weight", "decoder.conv_in.weight", "decoder.mid_block.attentions.0.to_qkv.weight",
            "decoder.norm_out.gamma", "decoder.conv_out.weight", "decoder.up_blocks.0.resnets.0.conv1.weight"}) {
            if (!w.has(name)) {
                throw new FileFormatException(folder, "", "has no tensor '" + name + "' (an AutoencoderKLWan checkpoint has it)");
            }
        }
        long z = w.info("post_quant_conv.weight").shape()[0];
        if (z != c.zDim()) {
            throw new FileFormatException(folder, "post_quant_conv.weight", "takes " + z + " latent channels; config.json says z_dim "
                    + c.zDim());
        }
        return new WanVaeDecoder(c, w);
    }

    public WanVaeConfig config() {
        return config;
    }

    /** What `wan info` says of the VAE: its latent channels and the decoder's parameters. */
    public java.util.List<String> describe() throws FileFormatException {
        long params = 0;
        for (String name : weights.tensorFiles().keySet()) {
            if (name.startsWith("decoder.") || name.startsWith("post_quant_conv.")) {
                params += weights.info(name).elements();
            }
        }
        return java.util.List.of(String.format("config      AutoencoderKLWan: z_dim %d, ×8 in space, ×4 in time (T latent frames → "
                + "1 + 4·(T − 1) frames)", config.zDim()), String.format("parameters  %,d in the decoder (%s in FLOAT32)", params,
                WanWeights.bytes(4 * params)));
    }

    /** The latents as the denoiser leaves them [z, T, h, w] → the VAE's input: latents · std + mean per channel. */
    public INDArray unnormalize(INDArray latents) {
        INDArray z = latents.castTo(DataType.FLOAT).dup('c');
        INDArray std = Nd4j.createFromArray(config.latentsStd()).castTo(DataType.FLOAT);
        INDArray mean = Nd4j.createFromArray(config.latentsMean()).castTo(DataType.FLOAT);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(z, std, z, 0));
        return Nd4j.getExecutioner().exec(new BroadcastAddOp(z, mean, z, 0));
    }

    /**
     * Decodes the denoiser's latents [z, T, h, w]: {@code chunks} receives the frames [n, 3, 8h, 8w]
     * of each latent frame in order (1, then 4 each), in [−1, 1] when {@code clamp}, else the
     * decoder's raw output.
     */
    public void decode(INDArray latents, boolean clamp, Consumer<INDArray> chunks) throws FileFormatException {
        if (latents.rank() != 4 || latents.size(0) != config.zDim()) {
            throw new IllegalArgumentException("the VAE decodes latents [" + config.zDim() + ", frames, height, width], got "
                    + java.util.Arrays.toString(latents.shape()));
        }
        INDArray z = unnormalize(latents).permute(1, 0, 2, 3).dup('c');
        List<WanVaeLayers.Layer> layers = layers();
        for (long t = 0; t < z.size(0); t++) {
            INDArray x = z.get(NDArrayIndex.interval(t, t + 1)).dup('c');
            for (WanVaeLayers.Layer layer : layers) {
                x = WanVaeLayers.replacing(x, layer.apply(x));
            }
            chunks.accept(clamp ? Transforms.min(Transforms.max(x, -1, false), 1, false) : x);
        }
    }

    /** All frames at once: [1 + 4·(T − 1), 3, 8h, 8w]. */
    public INDArray decode(INDArray latents, boolean clamp) throws FileFormatException {
        List<INDArray> out = new ArrayList<>();
        decode(latents, clamp, out::add);
        return Nd4j.concat(0, out.toArray(INDArray[]::new));
    }

    /** The decode's layers in order, fresh (their carried frames empty) for one video. */
    private List<WanVaeLayers.Layer> layers() throws FileFormatException {
        List<WanVaeLayers.Layer> l = new ArrayList<>();
        l.add(conv("post_quant_conv"));
        l.add(conv("decoder.conv_in"));
        l.add(residual("decoder.mid_block.resnets.0"));
        String a = "decoder.mid_block.attentions.0.";
        l.add(new WanVaeLayers.Attention(w(a + "norm.gamma"), w(a + "to_qkv.weight"), w(a + "to_qkv.bias"), w(a + "proj.weight"),
                w(a + "proj.bias")));
        l.add(residual("decoder.mid_block.resnets.1"));
        for (int i = 0; weights.has("decoder.up_blocks." + i + ".resnets.0.conv1.weight"); i++) {
            String b = "decoder.up_blocks." + i + ".";
            for (int j = 0; weights.has(b + "resnets." + j + ".conv1.weight"); j++) {
                l.add(residual(b + "resnets." + j));
            }
            String u = b + "upsamplers.0.";
            if (weights.has(u + "resample.1.weight")) {
                l.add(new WanVaeLayers.Upsample(weights.has(u + "time_conv.weight") ? conv(u + "time_conv") : null,
                        w(u + "resample.1.weight"), w(u + "resample.1.bias")));
            }
        }
        INDArray normOut = w("decoder.norm_out.gamma");
        WanVaeLayers.CausalConv convOut = conv("decoder.conv_out");
        l.add(x -> {
            INDArray head = WanVaeLayers.silu(WanVaeLayers.rmsNorm(x, normOut));
            return WanVaeLayers.replacing(head, convOut.apply(head));
        });
        return l;
    }

    private WanVaeLayers.Residual residual(String p) throws FileFormatException {
        return new WanVaeLayers.Residual(w(p + ".norm1.gamma"), conv(p + ".conv1"), w(p + ".norm2.gamma"), conv(p + ".conv2"),
                weights.has(p + ".conv_shortcut.weight") ? conv(p + ".conv_shortcut") : null);
    }

    private WanVaeLayers.CausalConv conv(String p) throws FileFormatException {
        return new WanVaeLayers.CausalConv(w(p + ".weight"), w(p + ".bias"));
    }

    private INDArray w(String name) throws FileFormatException {
        return weights.array(name);
    }
}
