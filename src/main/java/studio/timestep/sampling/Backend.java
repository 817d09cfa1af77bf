package studio.timestep.sampling;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend runs the math: "CPU (nd4j-native)" or "CUDA". */
public final class Backend {
    private Backend() {
    }

    public static String describe() {
        String name = Nd4j.getBackend().getClass().getSimpleName();
        return name.contains("Cuda") || name.contains("CUDA") ? "CUDA (nd4j-cuda)" : "CPU (nd4j-native, OpenBLAS)";
    }
}
