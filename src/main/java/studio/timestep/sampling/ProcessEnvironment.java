package studio.timestep.sampling;

/**
 * Sets a variable in this process's C environment (setenv(3) through JavaCPP's {@code systems}
 * preset), where native libraries opened later read it; {@code System.getenv} does not see it.
 * No ND4J class may be loaded from here.
 */
final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    /** Sets {@code name} to {@code value} unless it is set already; returns why it could not, or null. */
    static String setIfUnset(String name, String value) {
        try {
            return org.bytedeco.systems.global.linux.setenv(name, value, 0) == 0 ? null : "setenv failed";
        } catch (LinkageError e) {
            return "setenv unavailable: " + e.getMessage();
        }
    }
}
