package studio.timestep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.io.FileFormatException;
import studio.timestep.sampling.RowMetrics;

class L1LogsTest {
    @TempDir
    Path dir;

    /** As the seeds' callback prints it (a tensor timestep included), among other output. */
    static final String SEED_LOG = """
            Loading pipeline components...: 100%|██████████| 5/5
              0%|          | 0/10 [00:00<?, ?it/s]
            Step 1, Timestep 900.0, L1 = 0.123456
            Step 2, Timestep tensor(800., device='cuda:0'), L1 = 0.054321
            Step 3, Timestep 700.0, L1 = 0.030000
            100%|██████████| 10/10
            Step 9, Timestep 100.0, L1 = 0.250000
            """;

    @Test
    void theSeedsPrintedLogIsReadAsItsCallbackWroteIt() throws Exception {
        Path f = Files.writeString(dir.resolve("wan.log"), SEED_LOG);
        L1Logs.ImportedRun run = L1Logs.read(f, "cond");
        assertEquals("wan.log", run.name());
        assertEquals(Set.of("cond"), run.signals());
        List<RowMetrics> rows = run.rows();
        assertEquals(List.of(1, 2, 3, 9), rows.stream().map(RowMetrics::row).toList());
        assertEquals(10, rows.get(0).rows(), "N = the last step + 1: the callback's steps run 0 … N−1");
        assertEquals(800.0, rows.get(1).timestep());
        assertEquals(0.054321, rows.get(1).condL1());
        assertTrue(Double.isNaN(rows.get(1).guidedL1()));
    }

    @Test
    void csvJsonAndOwnMetricsAreRead() throws Exception {
        Path wide = Files.writeString(dir.resolve("wide.csv"),
                "step,timestep,latent,cond_l1,guided\n1,900,0.1,0.2,0.3\n2,800,,0.25,0.35\n");
        L1Logs.ImportedRun w = L1Logs.read(wide, "cond");
        assertEquals(Set.of("latent", "cond", "guided"), w.signals());
        assertEquals(0.35, w.rows().get(1).guidedL1());
        assertTrue(Double.isNaN(w.rows().get(1).latentL1()));
        Path lng = Files.writeString(dir.resolve("long.csv"), "step,timestep,signal,l1\n1,900,guided,0.3\n1,900,latent,0.1\n");
        L1Logs.ImportedRun l = L1Logs.read(lng, "cond");
        assertEquals(1, l.rows().size());
        assertEquals(0.1, l.rows().get(0).latentL1());
        Path json = Files.writeString(dir.resolve("l1_log.json"), "[[1, 900.0, 0.5], [2, 850.5, 0.25]]");
        assertEquals(850.5, L1Logs.read(json, "cond").rows().get(1).timestep());
        Path metrics = Files.writeString(dir.resolve("metrics.csv"), RunMetricsCsv.HEADER + "\n0,1000.0,0.1,,,,,false\n"
                + "1,500.0,0.2,0.4,0.6,0.01,0.03,true\n");
        L1Logs.ImportedRun m = L1Logs.read(metrics, "cond");
        assertEquals(2, m.rows().get(1).rows());
        assertEquals(0.6, m.rows().get(1).guidedL1());
    }

    @Test
    void aBrokenLogNamesTheFileTheLineAndTheReason() throws Exception {
        assertEquals("bad.log:2: L1 'abc' is not a number", message("bad.log", "hello\nStep 1, Timestep 900.0, L1 = abc\n"));
        assertEquals("bad.log:1: expected `Step N, Timestep T, L1 = V`, got `Step 1, Timestep 900.0`",
                message("bad.log", "Step 1, Timestep 900.0\n"));
        assertEquals("bad.csv:3: timestep 'x' is not a number", message("bad.csv", "step,timestep,l1\n1,900,0.1\n2,x,0.2\n"));
        assertEquals("bad.csv:2: has 2 fields, the header 3", message("bad.csv", "step,timestep,l1\n1,900\n"));
        assertEquals("bad.csv:1: a CSV log needs an l1 column or one of latent, cond, guided",
                message("bad.csv", "step,timestep,value\n1,900,0.1\n"));
        assertTrue(message("empty.log", "").startsWith("empty.log: no L1 values"));
        assertTrue(message("other.txt", "nothing here\n").startsWith("other.txt: no L1 values"));
        assertEquals("bad.json:1: item 1 is [1,2], expected [step, timestep, l1] numbers",
                message("bad.json", "[[0,1,2],[1,2]]"));
    }

    /** What the shipped callback writes (its first row has no previous value) reads back with all three signals. */
    @Test
    void theShippedLoggingCallbacksCsvReadsBack() throws Exception {
        String callback = LoggingCallback.text();
        assertTrue(callback.contains("def __call__(self, pipe, step, timestep, callback_kwargs)"), callback);
        assertTrue(callback.contains("\"noise_pred_init\"") && callback.contains("mean|a - b| / mean|b|"));
        Path csv = Files.writeString(dir.resolve("wan-run.csv"),
                "step,timestep,latent,cond,guided\r\n0,999.0,,,\r\n1,900.0,0.33333333,0.5,0\r\n");
        L1Logs.ImportedRun run = L1Logs.read(csv, "cond");
        assertEquals(Set.of("latent", "cond", "guided"), run.signals());
        assertEquals(List.of(1), run.rows().stream().map(RowMetrics::row).toList());
        assertEquals(0.33333333, run.rows().get(0).latentL1());
    }

    private String message(String name, String text) throws Exception {
        Path f = Files.writeString(dir.resolve(name), text);
        return assertThrows(FileFormatException.class, () -> L1Logs.read(f, "cond")).getMessage();
    }
}
