package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A call's time embedding as TeaCache reads it: {@code temb} (Wan's {@code e}) and its 6-way
 * projection (Wan's {@code e0}), one row per distinct timestep, and the runs of tokens that take
 * each row. Differences between two calls are taken token by token, so the signal of a plan with
 * per-frame timesteps is the mean over all tokens, as with Wan2.2's per-token timesteps.
 */
record WanTimeEmbedding(INDArray temb, INDArray projection, WanTransformer.TimestepRuns runs) {
    /** TeaCache's modulated input, a row per distinct timestep: e0 (ret-steps) or e. */
    double[][] modulatedInput(boolean retSteps) {
        return (retSteps ? projection : temb).toDoubleMatrix();
    }

    /** mean|a − b| / mean|b| over tokens and features of two calls' rows (a this call's, b an earlier one's). */
    static double relativeL1(double[][] a, WanTransformer.TimestepRuns aRuns, double[][] b, WanTransformer.TimestepRuns bRuns) {
        double difference = 0;
        int i = 0;
        int j = 0;
        int at = 0;
        while (i < aRuns.runs().size() && j < bRuns.runs().size()) {
            WanTransformer.TimestepRuns.Run ra = aRuns.runs().get(i);
            WanTransformer.TimestepRuns.Run rb = bRuns.runs().get(j);
            int end = Math.min(ra.end(), rb.end());
            double[] x = a[ra.value()];
            double[] y = b[rb.value()];
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                sum += Math.abs(x[k] - y[k]);
            }
            difference += (end - at) * sum;
            at = end;
            if (ra.end() == end) {
                i++;
            }
            if (rb.end() == end) {
                j++;
            }
        }
        double base = 0;
        for (WanTransformer.TimestepRuns.Run r : bRuns.runs()) {
            double sum = 0;
            for (double v : b[r.value()]) {
                sum += Math.abs(v);
            }
            base += (r.end() - r.start()) * sum;
        }
        return difference / base;
    }
}
