package studio.timestep.sampling;

/**
 * JavaCPP's bookkeeping of native memory, set before its {@code Pointer} class loads. With
 * {@code org.bytedeco.javacpp.maxPhysicalBytes} above 0 (JavaCPP's default: four times the Java heap,
 * 24 GB here) every native allocation first reads the process's resident size from the kernel, and
 * ND4J allocates a shape buffer for each operation: JFR put 28 % of a one-frame exact-clips run in
 * {@code Pointer.physicalBytesInaccurate}. {@link NativeMemory} watches the resident size once per row
 * and collects when it grows, so the per-allocation check goes; JavaCPP's cheap count of the bytes it
 * allocated ({@code maxBytes}) stays. A value the user set on the command line is kept.
 */
public final class PointerAccounting {
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private PointerAccounting() {
    }

    /** Call first thing in {@code main}, before anything touches ND4J or JavaCPP. */
    public static void setBeforeJavaCppLoads() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null && System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase()) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }
}
