package studio.timestep.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixed-seed set of mutated inputs in every build; `FuzzBenchmark` runs tens of thousands. */
class LoaderFuzzTest {
    @TempDir
    Path work;

    @Test
    void everyMutatedInputLoadsOrIsRefusedInOneLineNamingItsFile() throws Exception {
        LoaderFuzz.Report report = LoaderFuzz.run(20261201, 400, work);
        assertEquals(0, report.other(), report.format() + String.join("\n", report.defects()));
        assertTrue(report.table().values().stream().allMatch(t -> t.tried > 0), report.format());
        assertTrue(report.table().values().stream().mapToInt(t -> t.refused).sum() > 100,
                "the mutations do break inputs: " + report.format());
    }
}
