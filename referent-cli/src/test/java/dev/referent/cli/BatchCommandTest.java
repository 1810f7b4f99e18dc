package dev.referent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code referent batch} with the default model: exit codes, and a run killed mid-way (the process destroyed) then
 * resumed gives the same output as an uninterrupted run.
 */
class BatchCommandTest {

    @TempDir
    Path dir;

    private static String csv(int rows) {
        StringBuilder sb = new StringBuilder("id,title,author,text\n");
        for (int r = 1; r <= rows; r++) {
            sb.append("n").append(r).append(",Title ").append(r).append(",Reporter ").append(r % 7).append(",\"")
                    .append("Senator Maria Lopez visited the plant on day ").append(r)
                    .append(". She said its workers had earned their raise, and the company thanked her.\"\n");
        }
        return sb.toString();
    }

    @Test
    void usageErrorsAndFailedRows() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "id,text\n1,\"Kim arrived. She sat down.\"\n2,\n");
        Path out = dir.resolve("out.jsonl");
        assertEquals(Main.USAGE, Main.run("batch", dir.resolve("missing.csv").toString(), "--out", out.toString()));
        assertEquals(BatchCommand.SOME_ROWS_FAILED, Main.run("batch", input.toString(), "--out", out.toString(), "--quiet"));
        assertEquals(1, Files.readAllLines(out).size());
        assertTrue(Files.readString(dir.resolve("out.jsonl.errors.jsonl")).contains("\"reason\":\"empty text\""));
        // the output exists: neither --resume nor --overwrite is a usage error
        assertEquals(Main.USAGE, Main.run("batch", input.toString(), "--out", out.toString()));
        assertEquals(BatchCommand.SOME_ROWS_FAILED, Main.run("batch", input.toString(), "--out", out.toString(), "--overwrite"));
        Files.writeString(input, "id,body\n1,x\n");
        assertEquals(Main.USAGE, Main.run("batch", input.toString(), "--out", dir.resolve("o2.jsonl").toString()));
    }

    @Test
    void killedRunResumedGivesTheUninterruptedOutput() throws Exception {
        Path input = dir.resolve("news.csv");
        Files.writeString(input, csv(150));
        Path full = dir.resolve("full.jsonl");
        assertEquals(0, Main.run("batch", input.toString(), "--out", full.toString(), "--threads", "2", "--quiet"));
        assertEquals(150, Files.readAllLines(full).size());

        Path killed = dir.resolve("killed.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "batch",
                input.toString(), "--out", killed.toString(), "--threads", "2", "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(killed) < 20 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
        p.destroyForcibly().waitFor();
        int before = lines(killed);
        assertTrue(before < 150, "killed mid-way (" + before + " documents written)");

        assertEquals(0, Main.run("batch", input.toString(), "--out", killed.toString(), "--threads", "2", "--quiet",
                "--resume"));
        assertEquals(Files.readString(full), Files.readString(killed));
    }

    private static int lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(file);
        int n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }
}
