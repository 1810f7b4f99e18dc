package dev.referent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 3: what the command line says when something goes wrong. */
class CliErrorsTest extends ConsoleCapture {

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A command that fails the way a bug does. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Throwable failure;

        Boom(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Error e) {
                throw e;
            }
            throw (Exception) failure;
        }
    }

    private int boom(Throwable failure, String debugEnv, String... args) {
        CommandLine cli = Main.commandLine();
        cli.addSubcommand("boom", new Boom(failure));
        return Main.execute(cli, debugEnv, args);
    }

    @Test
    void internalErrorNamesTheTypeAndGivesAHintWithoutStackTrace() {
        assertEquals(Main.INTERNAL, boom(new NullPointerException("x is null"), null, "boom"));
        String e = err();
        assertTrue(e.contains("referent: internal error: java.lang.NullPointerException: x is null"), e);
        assertTrue(e.contains("hint:") && e.contains("--debug") && e.contains("REFERENT_DEBUG=1"), e);
        assertFalse(e.contains("\tat "), "no stack trace without --debug: " + e);
        assertEquals(2, e.strip().split("\n").length, "two lines: " + e);
    }

    @Test
    void internalErrorWithoutMessageStillNamesItsType() {
        assertEquals(Main.INTERNAL, boom(new IllegalStateException(), null, "boom"));
        assertTrue(err().contains("internal error: java.lang.IllegalStateException"), err());
    }

    @Test
    void debugOptionPrintsTheStackTrace() {
        assertEquals(Main.INTERNAL, boom(new NullPointerException("x"), null, "boom", "--debug"));
        assertTrue(err().contains("\tat dev.referent.cli.CliErrorsTest."), err());
        err.reset();
        assertEquals(Main.INTERNAL, boom(new NullPointerException("x"), null, "--debug", "boom"));
        assertTrue(err().contains("\tat dev.referent.cli.CliErrorsTest."), err());
    }

    @Test
    void debugEnvironmentVariablePrintsTheStackTrace() {
        assertEquals(Main.INTERNAL, boom(new NullPointerException("x"), "1", "boom"));
        assertTrue(err().contains("\tat dev.referent.cli.CliErrorsTest."), err());
        err.reset();
        assertEquals(Main.INTERNAL, boom(new NullPointerException("x"), "0", "boom"));
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void outOfMemoryIsReportedWithAHeapHint() {
        assertEquals(Main.INTERNAL, boom(new OutOfMemoryError("Java heap space"), null, "boom"));
        assertTrue(err().contains("java.lang.OutOfMemoryError: Java heap space") && err().contains("-Xmx"), err());
    }

    @Test
    void debugIsAcceptedOnEveryRealCommandAndShowsTheTraceOfAUsageError(@TempDir Path dir) {
        assertEquals(Main.USAGE, Main.run("score", "--debug", "--key", dir.resolve("nope.conll").toString(),
                "--response", "x"));
        assertTrue(err().contains("nope.conll") && err().contains("\tat dev.referent.cli."), err());
    }

    @Test
    void directoryArgumentIsReportedAsADirectory(@TempDir Path dir) {
        assertEquals(Main.USAGE, Main.run("resolve", dir.toString()));
        assertTrue(err().contains("is a directory"), err());
        assertFalse(err().contains("no such file"), err());
        err.reset();
        assertEquals(Main.USAGE, Main.run("score", "--key", dir.toString(), "--response", dir.toString()));
        assertTrue(err().contains("is a directory"), err());
        err.reset();
        assertEquals(Main.USAGE, Main.run("predict", "--input", dir.toString(), "--output", dir.resolve("o.conll").toString()));
        assertTrue(err().contains("is a directory"), err());
    }

    @Test
    void invalidUtf8IsReportedWithByteOffsetAndLine(@TempDir Path dir) throws IOException {
        byte[] bytes = "John left.\nHe said caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3; // a lead byte with nothing after it
        Path file = Files.write(dir.resolve("bad.txt"), bad);
        assertEquals(Main.USAGE, Main.run("resolve", file.toString()));
        assertTrue(err().contains("byte " + bytes.length) && err().contains("line 2"), err());
        err.reset();
        byte[] conll = "#begin document (d); part 000\nd\t0\t0\tJ\u00ffhn\t-\n#end document\n".getBytes(StandardCharsets.ISO_8859_1);
        Path key = Files.write(dir.resolve("bad.conll"), conll);
        assertEquals(Main.USAGE, Main.run("score", "--key", key.toString(), "--response", key.toString()));
        assertTrue(err().contains("bad.conll:2:") && err().contains("byte 37"), err());
    }

    @Test
    void emptyTextIsAnInputError(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), " \n\t\n");
        assertEquals(Main.USAGE, Main.run("resolve", empty.toString()));
        assertTrue(err().contains("empty.txt") && err().contains("empty"), err());
        assertEquals("", out());
    }

    @Test
    void threadsMustBeAtLeastOne(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "John left.");
        for (List<String> args : List.of(List.of("resolve", "--threads", "0", a.toString()),
                List.of("resolve", "--threads", "-1", a.toString()),
                List.of("predict", "--threads", "0", "--input", a.toString(), "--output", dir.resolve("o").toString()),
                List.of("eval", "--threads", "0", "--data", "gap", "--split", "development"),
                List.of("batch", a.toString(), "--out", dir.resolve("o.jsonl").toString(), "--threads", "0"))) {
            err.reset();
            assertEquals(Main.USAGE, Main.run(args.toArray(String[]::new)), args.toString());
            assertTrue(err().contains("--threads") && err().contains(">= 1"), args + ": " + err());
        }
        assertFalse(Files.exists(dir.resolve("o.jsonl")));
    }

    @Test
    void everyCommandIsListedAndHasHelp() {
        assertEquals(0, Main.run("--help"));
        String help = out();
        List<String> commands = List.of("resolve", "batch", "predict", "eval", "score", "serve", "spark", "train", "bench");
        for (String c : commands) {
            assertTrue(help.matches("(?s).*\\n\\s+" + c + "\\s.*"), c + " missing from referent --help:\n" + help);
        }
        for (String c : commands) {
            out.reset();
            err.reset();
            assertEquals(0, Main.run(c, "--help"), c + ": " + err());
            assertTrue(out().contains("Usage: referent " + c), c + ": " + out());
        }
        out.reset();
        assertEquals(0, Main.run("spark", "--help"));
        assertTrue(out().contains("--min-confidence") && out().contains("--verbose"), out());
    }

    @Test
    void moduleCommandsRunFromTheirModulesNotFromTheJar() {
        assertEquals(Main.USAGE, Main.run("bench", "--smoke"));
        assertTrue(err().contains("./referent bench"), err());
    }

    /**
     * Issue 20, item 3: the rewriting options are checked by core's one validator (RewriteSettings), the same as the
     * service's and the Spark job's; the command line shows core's message in its own flag syntax, before any model
     * loads.
     */
    @Test
    void rewriteOptionsAreCheckedByCoresValidatorInFlagSyntax(@TempDir Path dir) throws IOException {
        Path article = Files.writeString(dir.resolve("a.txt"), "Maria won. She cheered.");
        Path csv = Files.writeString(dir.resolve("in.csv"), "id,text\na,Maria won. She cheered.\n");
        String[][] cases = {
                {"--replace", "everything", "--replace must be one of pronouns, pronouns+nominals, all; got 'everything'"},
                {"--representative", "bogus", "--representative must be one of name, first, longest; got 'bogus'"},
                {"--min-confidence", "2", "--min-confidence must be a number from 0 to 1; got 2.0"},
                {"--min-confidence", "high", "--min-confidence must be a number from 0 to 1; got 'high'"},
        };
        for (String[] c : cases) {
            err.reset();
            assertEquals(Main.USAGE, Main.run("resolve", article.toString(), c[0], c[1]), err());
            assertTrue(err().contains(c[2]), err());
            err.reset();
            assertEquals(Main.USAGE, Main.run("batch", csv.toString(), "--out", dir.resolve("o.jsonl").toString(),
                    c[0], c[1]), err());
            assertTrue(err().contains(c[2]), err());
            assertFalse(Files.exists(dir.resolve("o.jsonl")), "nothing written for a usage error");
        }
        // the defaults are core's: no flag given is RewriteOptions.defaults()
        assertEquals(dev.referent.rewrite.RewriteOptions.defaults(), new RewriteMixin().options());
    }
}
