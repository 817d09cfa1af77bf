package studio.timestep.train;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.tiny.CaptionVocabulary;
import studio.timestep.model.wan.WanTransformer;

/**
 * Flow-matching batches from a clip collection: x_σ = (1−σ)·x0 + σ·ε per frame, target v = ε − x0
 * (rectified flow, the convention of diffusers' FlowMatchEulerDiscreteScheduler and Wan), levels
 * from {@link NoiseLevels}, and the caption dropped for {@link #CAPTION_DROPOUT} of the clips so
 * the model also learns the unconditional branch that guidance needs. Batch {@code step} is a
 * function of the seed and the step alone, so a resumed training sees the batches it would have.
 */
public final class TrainingBatches {
    static final double CAPTION_DROPOUT = 0.1;

    private final ClipCollection clips;
    private final int[][] captionIds;
    private final int maxTokens;
    private final int vocabularySize;
    private final int batch;
    private final int freqDim;
    private final long seed;

    public TrainingBatches(ClipCollection clips, CaptionVocabulary vocabulary, int batch, int freqDim, long seed) {
        this.clips = clips;
        this.captionIds = clips.captions().stream().map(vocabulary::ids).toArray(int[][]::new);
        this.maxTokens = vocabulary.maxTokens();
        this.vocabularySize = vocabulary.words().size();
        this.batch = batch;
        this.freqDim = freqDim;
        this.seed = seed;
    }

    public int batchSize() {
        return batch;
    }

    public TrainingBatch batch(long step) {
        Random random = new Random(seed * 1_000_003L + step);
        int frames = clips.frames();
        int channels = clips.channels();
        int plane = clips.height() * clips.width();
        int clipSize = frames * channels * plane;
        float[] latent = new float[batch * clipSize];
        float[] target = new float[batch * clipSize];
        float[] weight = new float[batch * frames];
        float[] timesteps = new float[batch * frames];
        float[] words = new float[batch * maxTokens * vocabularySize];
        for (int b = 0; b < batch; b++) {
            int clip = random.nextInt(clips.size());
            float[] x0 = clips.clips().getRow(clip).toFloatVector();
            double[] sigma = NoiseLevels.draw(frames, random);
            for (int f = 0; f < frames; f++) {
                weight[b * frames + f] = sigma[f] == 0 ? 0 : 1;
                timesteps[b * frames + f] = (float) (1000 * sigma[f]);
                for (int c = 0; c < channels; c++) {
                    // clips are stored (frame, channel, pixel); the graph takes (channel, frame, pixel)
                    int from = (f * channels + c) * plane;
                    int to = b * clipSize + (c * frames + f) * plane;
                    for (int i = 0; i < plane; i++) {
                        float eps = (float) random.nextGaussian();
                        float x = x0[from + i];
                        latent[to + i] = (float) ((1 - sigma[f]) * x + sigma[f] * eps);
                        target[to + i] = eps - x;
                    }
                }
            }
            if (random.nextDouble() >= CAPTION_DROPOUT) {
                int[] ids = captionIds[clip];
                for (int t = 0; t < ids.length; t++) {
                    words[(b * maxTokens + t) * vocabularySize + ids[t]] = 1;
                }
            }
        }
        long[] shape = {batch, channels, frames, clips.height(), clips.width()};
        return new TrainingBatch(Nd4j.create(latent, shape, DataType.FLOAT), WanTransformer.sinusoidal(timesteps, freqDim),
                Nd4j.create(words, new long[] {(long) batch * maxTokens, vocabularySize}, DataType.FLOAT),
                Nd4j.create(target, shape, DataType.FLOAT),
                Nd4j.create(weight, new long[] {batch, 1, frames, 1, 1}, DataType.FLOAT));
    }
}
