package studio.timestep;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import studio.timestep.sampling.OpenBlasCore;
import studio.timestep.sampling.OpenMpWaitPolicy;

/** Tests run on the OpenBLAS core and OpenMP wait policy the program would choose: set before the first test touches ND4J. */
public final class OpenBlasCoreForTests implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        OpenBlasCore.chooseBeforeNd4jLoads();
        OpenMpWaitPolicy.chooseBeforeNd4jLoads();
    }
}
