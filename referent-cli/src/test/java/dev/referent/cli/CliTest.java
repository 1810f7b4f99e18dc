package dev.referent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest extends ConsoleCapture {

    private static final String KEY = "#begin document (d); part 000\n"
            + "d\t0\t0\tJohn\t(0\nd\t0\t1\tKelly\t0)\nd\t0\t2\tsaid\t-\nd\t0\t3\the\t(0)\nd\t0\t4\tleft\t-\n#end document\n";
    private static final String RESPONSE = "#begin document (d); part 000\n"
            + "d\t0\t0\tJohn\t(0\nd\t0\t1\tKelly\t0)\nd\t0\t2\tsaid\t-\nd\t0\t3\the\t(1)\nd\t0\t4\tleft\t(1)\n#end document\n";

    @Test
    void scorePrintsTableAndConllF1(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("key.conll"), KEY);
        Path response = Files.writeString(dir.resolve("response.conll"), RESPONSE);
        assertEquals(0, Main.run("score", "--key", key.toString(), "--response", key.toString()));
        String perfect = out.toString(StandardCharsets.UTF_8);
        assertTrue(perfect.contains("CoNLL-F1 100.00"), perfect);
        out.reset();
        assertEquals(0, Main.run("score", "--key", key.toString(), "--response", response.toString()));
        String table = out.toString(StandardCharsets.UTF_8);
        String[] lines = table.strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("CoNLL-F1 \\d+\\.\\d\\d"), table);
        assertTrue(table.contains("MUC") && table.contains("LEA") && table.contains("BLANC"), table);
        assertTrue(!table.contains("CoNLL-F1 100.00"), table);
    }

    @Test
    void missingFileIsAUsageError(@TempDir Path dir) {
        assertEquals(Main.USAGE, Main.run("score", "--key", dir.resolve("nope.conll").toString(), "--response", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope.conll"));
        assertEquals(Main.USAGE, Main.run("score", "--bogus"));
    }

    @Test
    void malformedKeyNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conll"), "#begin document (d); part 000\nd\t0\t0\tA\t(3\n#end document\n");
        assertEquals(Main.USAGE, Main.run("score", "--key", bad.toString(), "--response", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad.conll:2:"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void resolveReadsAFile(@TempDir Path dir) throws IOException {
        Path article = Files.writeString(dir.resolve("a.txt"), "John Kelly spoke. He left.\n");
        assertEquals(0, Main.run("resolve", article.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("John Kelly spoke. "));
        assertEquals(Main.USAGE, Main.run("resolve", dir.resolve("missing.txt").toString()));
    }
}
