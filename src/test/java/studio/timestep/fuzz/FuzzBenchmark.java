package studio.timestep.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fuzz run for the closing notes: {@code java -cp "target/test-classes:target/classes:target/lib/*"
 * studio.timestep.fuzz.FuzzBenchmark [COUNT] [SEED]} (run in the project folder; default 10,000 inputs).
 * Prints the table per loader and the inputs that were neither loaded nor refused cleanly.
 */
public final class FuzzBenchmark {
    private FuzzBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        Path work = Files.createTempDirectory("timestep-fuzz");
        long start = System.nanoTime();
        LoaderFuzz.Report report = LoaderFuzz.run(seed, count, work);
        System.out.printf("%d inputs, seed %d, %.1f s%n", count, seed, (System.nanoTime() - start) / 1e9);
        System.out.print(report.format());
        report.defects().forEach(d -> System.out.println("  " + d));
        System.out.println("inputs kept in " + work);
        System.exit(report.other() == 0 ? 0 : 1);
    }
}
