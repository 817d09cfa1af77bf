package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSeedLogIsPlottedAndItsNumbersReachSeriesCsvExactly() throws Exception {
        Path log = Files.writeString(dir.resolve("wan13b.log"), "noise\nStep 1, Timestep 966.0, L1 = 0.081234\n"
                + "Step 2, Timestep tensor(932.5), L1 = 0.010000\nStep 3, Timestep 900.0, L1 = 1.5e-05\n");
        Path own = Files.writeString(dir.resolve("metrics.csv"), "row,timestep,latent_l1,cond_l1,guided_l1,teacache_acc,skipped\n"
                + "0,1000.0,0.1,,,0.0,false\n1,500.0,0.2,0.4,0.6,0.0,false\n");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("plot", log.toString(), own.toString(), "--out",
                dir.resolve("fig").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("run,step,timestep,signal,l1", "wan13b.log,1,966.0,cond,0.081234", "wan13b.log,2,932.5,cond,0.01",
                "wan13b.log,3,900.0,cond,1.5E-5", "metrics.csv,0,1000.0,latent,0.1", "metrics.csv,1,500.0,latent,0.2",
                "metrics.csv,1,500.0,cond,0.4", "metrics.csv,1,500.0,guided,0.6"),
                Files.readAllLines(dir.resolve("fig/series.csv")));
        assertTrue(Files.size(dir.resolve("fig/l1.png")) > 0);
    }

    @Test
    void aMalformedLogExitsTwoWithFileLineAndReason() throws Exception {
        Path log = Files.writeString(dir.resolve("broken.log"), "Step 1, Timestep 966.0, L1 = 0.08\nStep 2, Timestep ?, L1 = 0.01\n");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("plot", log.toString(), "--out", dir.resolve("fig").toString());
        assertEquals(2, r.code());
        assertEquals("plot: broken.log:2: timestep '?' is not a number", r.err().trim());
    }
}
