package dev.referent.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referent.Resolver;
import dev.referent.doc.Document;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.Rewriter;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch runner on a generated CSV with good and bad rows. The processor here only analyses and rewrites without
 * clusters (resolved text = input text), so the test checks the plumbing: every good row exactly once, in order, every
 * bad row in the error file with its reason. The kill-and-resume test with the real model is in BatchCommandTest.
 */
class BatchRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TextAnalyzer ANALYZER = new TextAnalyzer();

    @TempDir
    Path dir;

    static Resolver.Resolved identity(String id, String text) {
        Document doc = ANALYZER.analyze(id, text);
        return new Resolver.Resolved(new Rewriter().rewrite(doc, RewriteOptions.defaults()), "identity");
    }

    /** The generated corpus: the CSV bytes, the good rows (id -> text) in order, the bad rows (row -> reason part). */
    record Corpus(byte[] csv, LinkedHashMap<String, String> good, Map<Long, String> bad) {
    }

    static Corpus corpus(int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinkedHashMap<String, String> good = new LinkedHashMap<>();
        Map<Long, String> bad = new HashMap<>();
        write(out, "id,title,author,text,label\r\n");
        for (int r = 1; r <= rows; r++) {
            String id = "doc" + r;
            if (r % 97 == 0) {
                write(out, id + ",T,A,,0\r\n");
                bad.put((long) r, "empty text");
            } else if (r % 101 == 0) {
                write(out, "doc" + (r - 1) + ",T,A,Again.,0\r\n"); // the previous row's id
                bad.put((long) r, "duplicate id");
            } else if (r % 103 == 0) {
                write(out, id + ",T,A,a \"stray quote,0\r\n");
                bad.put((long) r, "quote inside an unquoted field");
            } else if (r % 107 == 0) {
                write(out, id + ",T,A,too,many,fields\r\n");
                bad.put((long) r, "6 fields, the header has 5");
            } else if (r == 555) {
                write(out, id + ",T,A,\"Caf");
                out.write(0xE9); // Latin-1, not UTF-8
                write(out, " au lait.\",0\r\n");
                bad.put((long) r, "invalid UTF-8");
            } else {
                String text = switch (r % 4) {
                    case 0 -> "Row " + r + ": John Kelly said the military would not be used.";
                    case 1 -> "Line one of " + r + ",\nline \"two\", with a comma.";
                    case 2 -> "Caf\u00e9 \u201cquoted\u201d text " + r + ".\r\nNext line.";
                    default -> "  Leading and trailing space " + r + "  ";
                };
                write(out, id + ",Title " + r + ",Author " + r + ",\"" + text.replace("\"", "\"\"") + "\"," + (r % 2) + "\r\n");
                good.put(id, text);
            }
        }
        return new Corpus(out.toByteArray(), good, bad);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private BatchRunner.Summary run(Path input, Path output, int threads, boolean ordered, boolean resume)
            throws IOException {
        return run(input, output, new BatchRunner.Options(threads, ordered, resume, false, 1_000_000));
    }

    /** Runs a CSV input with the identity processor into the output its name selects (.jsonl, .csv, directory). */
    private static BatchRunner.Summary run(Path input, Path output, BatchRunner.Options options) throws IOException {
        Fields fields = Fields.DEFAULT;
        boolean resume = options.resume();
        try (CsvSource source = new CsvSource(Inputs.open(input), fields, 1 << 22);
             Sink sink = output.toString().endsWith(".jsonl") ? new JsonlSink(output, fields, false, resume)
                     : output.toString().endsWith(".csv") ? new CsvSink(output, source.columns(), fields, resume)
                     : new DirectorySink(output, resume);
             ErrorLog errors = new ErrorLog(ErrorLog.besides(output), resume)) {
            return new BatchRunner(options).run(source, sink, errors, BatchRunnerTest::identity, silent(source));
        }
    }

    static Progress silent(RecordSource source) {
        return new Progress(new PrintStream(OutputStream.nullOutputStream()), false, source);
    }

    /** The corpus written to {@code name} in the test folder. */
    private Path written(Corpus c, String name) throws IOException {
        return Files.write(dir.resolve(name), c.csv());
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static void assertErrors(Corpus c, Path errorsFile) throws IOException {
        List<JsonNode> errors = jsonLines(errorsFile);
        assertEquals(c.bad().size(), errors.size(), "one error per bad row");
        for (JsonNode e : errors) {
            String expected = c.bad().get(e.get("row").asLong());
            assertTrue(expected != null, "unexpected error " + e);
            assertTrue(e.get("reason").asText().contains(expected), e + " should say " + expected);
        }
    }

    @Test
    void everyGoodRowOnceInOrderAndEveryBadRowReported() throws IOException {
        Corpus c = corpus(2000);
        Path input = written(c, "corpus.csv");
        Path output = dir.resolve("out.jsonl");
        BatchRunner.Summary s = run(input, output, 3, true, false);
        List<JsonNode> rows = jsonLines(output);
        assertEquals(new ArrayList<>(c.good().keySet()), rows.stream().map(n -> n.get("id").asText()).toList());
        for (JsonNode n : rows) {
            String text = c.good().get(n.get("id").asText());
            assertEquals(text, n.get("text").asText());
            assertEquals(text, n.get("resolved").asText());
            assertEquals("Author " + n.get("id").asText().substring(3), n.get("author").asText());
        }
        assertErrors(c, ErrorLog.besides(output));
        assertEquals(c.good().size(), s.documents());
        assertEquals(c.bad().size(), s.errors());
        assertTrue(c.bad().size() >= 60, "the corpus has bad rows of every kind");
    }

    @Test
    void unorderedRunWritesTheSameRows() throws IOException {
        Corpus c = corpus(600);
        Path input = written(c, "corpus.csv");
        Path output = dir.resolve("out.jsonl");
        run(input, output, 4, false, false);
        assertEquals(c.good().keySet(), new java.util.HashSet<>(jsonLines(output).stream().map(n -> n.get("id").asText()).toList()));
        assertEquals(c.good().size(), jsonLines(output).size());
    }

    @Test
    void gzipInputToDirectoryOutput() throws IOException {
        Corpus c = corpus(300);
        Path input = dir.resolve("corpus.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write(c.csv());
        }
        Path output = dir.resolve("out");
        run(input, output, 2, true, false);
        try (var files = Files.list(output)) {
            assertEquals(c.good().size(), files.count());
        }
        for (Map.Entry<String, String> e : c.good().entrySet()) {
            String content = Files.readString(output.resolve(e.getKey() + ".txt"));
            assertEquals(e.getValue() + "\nAuthor " + e.getKey().substring(3), content);
        }
        assertErrors(c, ErrorLog.besides(output));
    }

    @Test
    void csvOutputReadsBackAsTheInputPlusResolved() throws IOException {
        Corpus c = corpus(300);
        Path input = written(c, "corpus.csv");
        Path output = dir.resolve("out.csv");
        run(input, output, 2, true, false);
        Fields f = Fields.DEFAULT;
        try (CsvSource back = new CsvSource(Inputs.open(output), f, 1 << 22)) {
            assertEquals(List.of("id", "title", "author", "text", "label", "resolved"), back.columns());
            InputRecord r;
            int n = 0;
            List<String> ids = new ArrayList<>(c.good().keySet());
            while ((r = back.next()) != null) {
                assertFalse(r.isBad(), r.toString());
                assertEquals(ids.get(n), r.id());
                assertEquals(c.good().get(r.id()), r.fields().get("resolved"));
                n++;
            }
            assertEquals(c.good().size(), n);
        }
    }

    /** A run stopped after part of the output (its last record cut mid-way) and resumed gives the full output. */
    @Test
    void resumeAfterAPartialWriteGivesTheUninterruptedOutput() throws IOException {
        Corpus c = corpus(400);
        Path input = written(c, "corpus.csv");
        for (String name : List.of("full.jsonl", "full.csv")) {
            Path full = dir.resolve(name);
            run(input, full, 2, true, false);
            Path cut = dir.resolve("cut-" + name);
            byte[] bytes = Files.readAllBytes(full);
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 7)); // ends inside a record
            byte[] errors = Files.readAllBytes(ErrorLog.besides(full));
            Files.write(ErrorLog.besides(cut), java.util.Arrays.copyOf(errors, errors.length / 2 + 3));
            BatchRunner.Summary s = run(input, cut, 2, true, true);
            assertTrue(s.skipped() > 0, "the resumed run skipped the rows already written");
            assertEquals(new String(bytes, StandardCharsets.UTF_8), Files.readString(cut), name);
            assertEquals(Files.readString(ErrorLog.besides(full)).lines().sorted().toList(),
                    Files.readString(ErrorLog.besides(cut)).lines().sorted().toList());
        }
    }

    @Test
    void headerWithoutTheTextColumnIsAClearError() throws IOException {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, "id,body\n1,hello\n");
        BatchException e = assertThrows(BatchException.class, () -> new CsvSource(Inputs.open(input), Fields.DEFAULT, 1000));
        assertTrue(e.getMessage().contains("no text column 'text'"), e.getMessage());
    }

    @Test
    void jsonlInputKeepsItsFieldsAndReportsBadLines() throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\":\"a\",\"text\":\"Hello there.\",\"label\":1,\"meta\":{\"x\":2}}\n"
                + "not json\n\n{\"id\":\"b\"}\n[1,2]\n{\"id\":\"c\",\"text\":\"Bye.\"}\n");
        Path output = dir.resolve("out.jsonl");
        BatchRunner runner = new BatchRunner(new BatchRunner.Options(2, true, false, false, 1000));
        try (JsonlSource source = new JsonlSource(Inputs.open(input), Fields.DEFAULT, 1 << 20);
             Sink sink = new JsonlSink(output, Fields.DEFAULT, true, false);
             ErrorLog errors = new ErrorLog(ErrorLog.besides(output), false)) {
            runner.run(source, sink, errors, BatchRunnerTest::identity,
                    silent(source));
        }
        List<JsonNode> rows = jsonLines(output);
        assertEquals(2, rows.size());
        assertEquals(1, rows.get(0).get("label").asInt());
        assertEquals(2, rows.get(0).get("meta").get("x").asInt());
        assertTrue(rows.get(0).get("clusters").isArray());
        List<String> reasons = jsonLines(ErrorLog.besides(output)).stream()
                .map(n -> n.get("line").asInt() + ":" + n.get("reason").asText()).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("2:malformed JSON"), reasons.toString());
        assertTrue(reasons.get(1).startsWith("4:missing text"), reasons.toString());
        assertTrue(reasons.get(2).startsWith("5:not a JSON object"), reasons.toString());
    }

    @Test
    void failFastStopsAtTheFirstBadRowAndMaxCharsRejectsLongTexts() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "id,text\n1,Short one.\n2,\"" + "Long text. ".repeat(20) + "\"\n3,Another.\n4,\n5,Last.\n");
        Path output = dir.resolve("out.jsonl");
        BatchRunner.Summary all = run(input, output, new BatchRunner.Options(1, true, false, false, 100));
        assertEquals(3, all.documents());
        assertEquals(2, all.errors());
        List<JsonNode> errors = jsonLines(ErrorLog.besides(output));
        assertEquals(2, errors.get(0).get("row").asInt());
        assertTrue(errors.get(0).get("reason").asText().contains("over --max-chars 100"), errors.toString());
        assertEquals("empty text", errors.get(1).get("reason").asText());

        Path stopped = dir.resolve("stopped.jsonl");
        BatchRunner.Summary s = run(input, stopped, new BatchRunner.Options(2, true, false, true, 100));
        assertEquals(1, s.documents(), "only the row before the first bad one");
        assertEquals(1, s.errors());
        assertEquals(List.of("1"), jsonLines(stopped).stream().map(n -> n.get("id").asText()).toList());
    }

    @Test
    void progressLineShowsDocumentsRateAndEtaOnlyWhenEnabled() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "id,text\n1,One.\n2,Two.\n");
        try (CsvSource source = new CsvSource(Inputs.open(input), Fields.DEFAULT, 1 << 20)) {
            source.next();
            ByteArrayOutputStream shown = new ByteArrayOutputStream();
            Progress on = new Progress(new PrintStream(shown, true, StandardCharsets.UTF_8), true, source);
            on.update(1, 0);
            on.finish();
            String line = shown.toString(StandardCharsets.UTF_8);
            assertTrue(line.startsWith("\r1 docs  0 errors  ") && line.contains("docs/s") && line.contains("ETA"), line);
            ByteArrayOutputStream hidden = new ByteArrayOutputStream();
            Progress off = new Progress(new PrintStream(hidden, true, StandardCharsets.UTF_8), false, source);
            off.update(1, 0);
            off.finish();
            assertEquals(0, hidden.size());
        }
    }
}
