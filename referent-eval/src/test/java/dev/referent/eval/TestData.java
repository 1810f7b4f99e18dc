package dev.referent.eval;

import dev.referent.eval.io.DataPaths;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Access to ../shared/data for tests; the suite fails loudly in CI (CI=true) when the data is missing. */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        Path dir = DataPaths.dataDir();
        boolean present = Files.isDirectory(dir.resolve("ontogum"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("shared data not found at " + dir + " (set -Dreferent.data or REFERENT_DATA)");
        }
        assumeTrue(present, "shared data not found at " + dir);
        return dir;
    }
}
