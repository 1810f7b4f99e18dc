package dev.referent.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench command's options, parsed by picocli with the names they always had. */
class BenchOptionsTest {

    @Test
    void helpListsEveryOption() {
        String usage = BenchMain.Options.usage();
        for (String option : List.of("--smoke", "--replot", "--systems", "--data-dir", "--threads", "--heap", "--split",
                "--gap-split", "--speed-docs", "--rounds", "--out", "--report", "--chart", "--help")) {
            assertTrue(usage.contains(option), "usage lacks " + option + ":\n" + usage);
        }
        assertEquals("", assertThrows(BenchMain.UsageException.class,
                () -> BenchMain.Options.parse(new String[] {"--help"})).getMessage());
    }

    @Test
    void valuesAndDefaults() {
        BenchMain.Options o = BenchMain.Options.parse(new String[] {"--systems", "referent, corenlp-dcoref", "--threads",
                "4", "--heap", "2g", "--split", "dev", "--out", "x"});
        assertEquals(List.of("referent", "corenlp-dcoref"), o.systems);
        assertEquals(4, o.threads);
        assertEquals("2g", o.heap);
        assertEquals("dev", o.split);
        assertEquals(Path.of("x"), o.out);
        // the defaults are the checkout's files, not paths relative to the working directory (the module's folder here)
        Path home = Path.of("").toAbsolutePath().getParent();
        assertEquals(home.resolve("docs/BENCHMARKS.md"), o.report);
        BenchMain.Options defaults = BenchMain.Options.parse(new String[0]);
        assertEquals(BenchMain.ALL_SYSTEMS, defaults.systems);
        assertEquals(home.resolve("referent-bench/target/bench"), defaults.out);
        assertEquals(home.resolve("docs/corenlp-comparison.svg"), defaults.chart);
        assertTrue(defaults.dataDir.isAbsolute());
        BenchMain.Options smoke = BenchMain.Options.parse(new String[] {"--smoke", "--out", "s"});
        assertEquals(Path.of("s", "BENCHMARKS.md"), smoke.report);
        assertEquals(1, smoke.rounds);
        assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(new String[] {"--threads", "two"}));
        assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(new String[] {"--bogus"}));
    }
}
