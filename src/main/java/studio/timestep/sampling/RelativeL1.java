package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seeds' change signal: L1(a, b) = mean|a − b| / mean|b| (TeaCache, Liu et al. 2024), overall and per
 * frame, over arrays of shape [frames, C·H·W]. Frames not in {@code frames} are NaN per frame
 * and left out of the overall value.
 */
final class RelativeL1 {
    private RelativeL1() {
    }

    /** @return per-frame values, and the overall value as the last element */
    static double[] of(INDArray a, INDArray b, boolean[] frames) {
        FrameRows bRows = new FrameRows(b);
        double[] diff = new FrameRows(a).absDifferenceSums(bRows);
        double[] base = bRows.absSums();
        double[] out = new double[frames.length + 1];
        double num = 0;
        double den = 0;
        for (int f = 0; f < frames.length; f++) {
            if (frames[f]) {
                out[f] = diff[f] / base[f];
                num += diff[f];
                den += base[f];
            } else {
                out[f] = Double.NaN;
            }
        }
        out[frames.length] = den == 0 ? Double.NaN : num / den;
        return out;
    }
}
