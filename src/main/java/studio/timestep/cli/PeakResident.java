package studio.timestep.cli;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/** The highest resident memory of the process while it runs (JavaCPP's reading of /proc), sampled every millisecond. */
final class PeakResident {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    PeakResident() {
        thread = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-memory");
        thread.setDaemon(true);
        thread.start();
    }

    long stop() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return peak.get();
    }
}
