package dev.referent.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referent.Resolver;
import dev.referent.format.JsonFormat;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.RewriteOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Referent on Spark in local mode, row by row against the library's own output. */
class ReferentSparkTest {

    private static SparkSession spark;
    private static Resolver library;

    private static final List<String> TEXTS = List.of(
            "John Kelly said the military would not be used. He also stated there would be no mass deportations.",
            "Angela Merkel met the French president in Berlin. She said the two countries would work together.",
            "The company reported higher profits on Tuesday. Its shares rose after it raised its forecast.",
            "Maria Lopez won the race.\nHer coach said she had trained for years, \"every day\".",
            "Nothing here refers to anything.");

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("referent-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        library = new Resolver(CorefModel.loadDefault(1), RewriteOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (library != null) {
            library.model().close();
        }
    }

    /** 300 rows: the five texts in turn, with null, empty and over-long texts mixed in. */
    static List<Row> rows(Map<String, String> expectedError) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "r" + i;
            String text;
            if (i % 50 == 7) {
                text = null;
                expectedError.put(id, "missing text");
            } else if (i % 61 == 3) {
                text = "   ";
                expectedError.put(id, "empty text");
            } else if (i % 73 == 5) {
                text = "Too long. ".repeat(100);
                expectedError.put(id, "over the limit of 500");
            } else {
                text = TEXTS.get(i % TEXTS.size());
            }
            rows.add(RowFactory.create(id, text, i % 2));
        }
        return rows;
    }

    static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
            .add("label", DataTypes.IntegerType);

    @Test
    void everyRowMatchesTheLibraryAndBadRowsCarryAReason() throws Exception {
        Map<String, String> expectedError = new HashMap<>();
        Dataset<Row> df = spark.createDataFrame(rows(expectedError), SCHEMA).repartition(4);
        Dataset<Row> out = Referent.resolve(df, "text", SparkOptions.defaults().withMaxChars(500).withClusters(true));
        List<String> columns = List.of(out.columns());
        assertEquals(List.of("id", "text", "label", "resolved", "error", "clusters", "replacements"), columns);
        List<Row> result = out.collectAsList();
        assertEquals(300, result.size());
        int good = 0;
        for (Row r : result) {
            String id = r.getString(0);
            String text = r.getString(1);
            if (expectedError.containsKey(id)) {
                assertNull(r.get(3), id);
                assertTrue(r.getString(4).contains(expectedError.get(id)), id + ": " + r.getString(4));
                continue;
            }
            Resolver.Resolved expected = library.resolve("row", text);
            assertEquals(expected.text(), r.getString(3), id);
            assertNull(r.get(4), id);
            assertEquals(expected.document().clusters().size(), r.getList(5).size(), id);
            good++;
        }
        assertEquals(300 - expectedError.size(), good);
        // issue 20, item 3: the struct columns are JsonFormat's schema, field for field and value for value
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        for (Row r : out.filter(org.apache.spark.sql.functions.col("error").isNull())
                .select(org.apache.spark.sql.functions.col("text"),
                        org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.col("clusters")),
                        org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.col("replacements")))
                .limit(20).collectAsList()) {
            Resolver.Resolved expected = library.resolve("row", r.getString(0));
            assertEquals(json.readTree(JsonFormat.clusters(expected.result())), withoutNulls(json.readTree(r.getString(1))));
            assertEquals(json.readTree(JsonFormat.replacements(expected.result())), json.readTree(r.getString(2)));
            compared++;
        }
        assertTrue(compared > 0);
        assertTrue(expectedError.size() >= 12, "bad rows of each kind");
    }

    /**
     * Spark's to_json leaves out null struct fields; JsonFormat writes {@code "representative": null} for a cluster
     * without one: put it back so that the trees compare.
     */
    private static JsonNode withoutNulls(JsonNode clusters) {
        for (JsonNode c : clusters) {
            if (!c.has("representative")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) c).putNull("representative");
            }
        }
        return clusters;
    }

    @Test
    void sqlFunction() {
        Referent.register(spark);
        spark.createDataFrame(List.of(RowFactory.create("a", TEXTS.get(0), 0), RowFactory.create("b", null, 1)), SCHEMA)
                .createOrReplaceTempView("articles");
        List<Row> rows = spark.sql("SELECT id, referent_resolve(text) AS resolved FROM articles ORDER BY id").collectAsList();
        assertEquals(library.resolve("row", TEXTS.get(0)).text(), rows.get(0).getString(1));
        assertNull(rows.get(1).get(1));
    }

    @Test
    void jobReadsMultiLineCsvAndWritesJsonLines(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("in.csv");
        StringBuilder sb = new StringBuilder("id,title,author,text\n");
        for (int i = 0; i < 20; i++) {
            String text = TEXTS.get(i % TEXTS.size());
            sb.append("d").append(i).append(",T").append(i).append(",A,\"").append(text.replace("\"", "\"\"")).append("\"\n");
        }
        sb.append("bad,T,A,\n");
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("out");
        long rows = ResolveJob.run(spark, ResolveJob.Args.parse("--input", csv.toString(), "--output", out.toString(),
                "--keep-cols", "title")).rows();
        assertEquals(21, rows);
        Dataset<Row> back = spark.read().json(out.toString());
        assertEquals(21, back.count());
        for (Row r : back.collectAsList()) {
            String id = r.getAs("id");
            if (id.equals("bad")) {
                assertNull(r.getAs("resolved"));
                assertEquals("missing text", r.getAs("error"));
                continue;
            }
            int i = Integer.parseInt(id.substring(1));
            assertEquals(library.resolve("row", TEXTS.get(i % TEXTS.size())).text(), r.getAs("resolved"), id);
            assertNotNull(r.getAs("title"));
        }
        assertTrue(List.of(back.columns()).containsAll(List.of("id", "title", "resolved", "error")),
                List.of(back.columns()).toString());
        assertTrue(!List.of(back.columns()).contains("author") && !List.of(back.columns()).contains("text"),
                "--keep-cols keeps only the id and the columns it names: " + List.of(back.columns()));
    }

    @Test
    void jobReadsJsonLinesAndParquetAndWritesParquetWithClusters(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("in.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("{\"id\": \"j").append(i).append("\", \"text\": ")
                    .append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(TEXTS.get(i % TEXTS.size())))
                    .append("}\n");
        }
        Files.writeString(jsonl, sb.toString());
        Path parquet = dir.resolve("out.parquet");
        assertEquals(10, ResolveJob.run(spark, ResolveJob.Args.parse("--input", jsonl.toString(), "--output",
                parquet.toString(), "--clusters")).rows());
        // Parquet in, JSON Lines out: the resolved column of the first run goes through unchanged
        Path again = dir.resolve("again");
        assertEquals(10, ResolveJob.run(spark, ResolveJob.Args.parse("--input", parquet.toString(), "--output",
                again.toString(), "--text-col", "text", "--keep-cols", "resolved")).rows());
        for (Row r : spark.read().parquet(parquet.toString()).collectAsList()) {
            int i = Integer.parseInt(r.<String>getAs("id").substring(1));
            Resolver.Resolved expected = library.resolve("row", TEXTS.get(i % TEXTS.size()));
            assertEquals(expected.text(), r.getAs("resolved"));
            assertEquals(expected.document().clusters().size(), r.getList(r.fieldIndex("clusters")).size());
        }
        assertEquals(10, spark.read().json(again.toString()).count());
    }

    // ---- issue 19, item 4: errors, bad rows, the model, the rewrite options ----

    private record Run(int code, String out, String err) {
    }

    private static Run execute(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = ResolveJob.execute(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheOptions() {
        Run r = execute("--help");
        assertEquals(0, r.code(), r.err());
        for (String option : List.of("--input", "--output", "--master", "--clusters", "--keep-cols", "--max-chars",
                "--replace", "--representative", "--inside-quotes", "--reflexives", "--min-confidence", "--overwrite",
                "--verbose")) {
            assertTrue(r.out().contains(option), option + " missing from --help:\n" + r.out());
        }
    }

    @Test
    void userErrorsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "id,text\na,John left. He said so.\n");
        Path existing = Files.createDirectories(dir.resolve("existing"));
        List<List<String>> cases = List.of(
                List.of("--input", dir.resolve("missing.csv").toString(), "--output", dir.resolve("o1").toString()),
                List.of("--input", csv.toString(), "--output", existing.toString()),
                List.of("--input", csv.toString(), "--output", dir.resolve("o2").toString(), "--bogus"),
                List.of("--input", csv.toString()),
                List.of("--input", csv.toString(), "--output", dir.resolve("o3").toString(), "--min-confidence", "2"),
                List.of("--input", csv.toString(), "--output", dir.resolve("o4").toString(), "--max-chars", "0"),
                List.of("--input", csv.toString(), "--output", dir.resolve("o5").toString(), "--replace", "everything"),
                List.of("--input", csv.toString(), "--output", dir.resolve("o6").toString(), "--max-chars", "many"),
                List.of("--input", csv.toString(), "--output", dir.resolve("o7").toString(), "--text-col", "body"));
        for (List<String> args : cases) {
            Run r = execute(args.toArray(String[]::new));
            assertEquals(ResolveJob.USAGE, r.code(), args + ": " + r.err());
            assertTrue(r.err().startsWith("referent spark: "), args + ": " + r.err());
            assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception"), "no stack trace: " + args + ": " + r.err());
            assertTrue(r.err().strip().lines().count() <= 2, args + ": " + r.err());
        }
        assertTrue(execute(cases.get(0).toArray(String[]::new)).err().contains("missing.csv"));
        assertTrue(execute(cases.get(1).toArray(String[]::new)).err().contains("--overwrite"));
        assertTrue(execute(cases.get(8).toArray(String[]::new)).err().contains("body"));
    }

    private static String[] concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Map<String, Row> byId(Path out) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.read().json(out.toString()).collectAsList()) {
            rows.put(r.getAs("id"), r);
        }
        return rows;
    }

    @Test
    void invalidUtf8AndEmptyRowsGoToTheErrorColumn(@TempDir Path dir) throws Exception {
        String good = "Maria Lopez won the race. She trained for years in S\u00e3o Paulo.";
        byte[] csv = concat(utf8("id,author,text\n"), utf8("good,Ana,\"" + good + "\"\n"),
                utf8("bad,Ana,\"John left. He "), new byte[] {(byte) 0xFF}, utf8(" said so.\"\n"),
                utf8("blank,Ana,\"  \"\n"), utf8("badauthor,"), new byte[] {(byte) 0xC3}, utf8(",\"" + good + "\"\n"));
        Path csvIn = Files.write(dir.resolve("in.csv"), csv);
        Path csvOut = dir.resolve("csv-out");
        assertEquals(0, execute("--input", csvIn.toString(), "--output", csvOut.toString()).code());
        Map<String, Row> rows = byId(csvOut);
        assertEquals(4, rows.size(), rows.toString());
        assertEquals(library.resolve("row", good).text(), rows.get("good").getAs("resolved"));
        assertEquals(good, rows.get("good").getAs("text"), "UTF-8 outside ASCII comes through unchanged");
        assertNull(rows.get("bad").getAs("resolved"));
        assertEquals("invalid UTF-8 at byte 14 of the text", rows.get("bad").getAs("error"));
        assertNull(rows.get("blank").getAs("resolved"));
        assertTrue(rows.get("blank").<String>getAs("error").contains("empty"), rows.get("blank").toString());
        // a bad byte outside the text does not stop the row (it is decoded as U+FFFD there)
        assertEquals(library.resolve("row", good).text(), rows.get("badauthor").getAs("resolved"));

        byte[] jsonl = concat(utf8("{\"id\": \"good\", \"text\": \"" + good + "\"}\n"),
                utf8("{\"id\": \"bad\", \"text\": \"John left. He "), new byte[] {(byte) 0xE9}, utf8(" said so.\"}\n"),
                utf8("\n"), utf8("{\"id\": \"empty\", \"text\": \"\"}\n"),
                utf8("{\"id\": \"escaped\", \"text\": \"S\\u00e3o Paulo is big. It grows.\"}\n"),
                utf8("{\"id\": \"broken\", \"text\": \n"));
        Path jsonIn = Files.write(dir.resolve("in.jsonl"), jsonl);
        Path jsonOut = dir.resolve("json-out");
        assertEquals(0, execute("--input", jsonIn.toString(), "--output", jsonOut.toString()).code());
        List<Row> all = spark.read().json(jsonOut.toString()).collectAsList();
        assertEquals(5, all.size(), all.toString());
        rows = byId(jsonOut);
        assertEquals(library.resolve("row", good).text(), rows.get("good").getAs("resolved"));
        assertNull(rows.get("bad").getAs("resolved"));
        assertEquals("invalid UTF-8 at byte 37 of the line", rows.get("bad").getAs("error"));
        assertEquals("empty text", rows.get("empty").getAs("error"));
        assertEquals(library.resolve("row", "S\u00e3o Paulo is big. It grows.").text(), rows.get("escaped").getAs("resolved"));
        assertTrue(all.stream().anyMatch(r -> r.getAs("id") == null
                && String.valueOf(r.<String>getAs("error")).startsWith("malformed JSON")), all.toString());
    }

    @Test
    void invalidUtf8InParquetStringsIsReported(@TempDir Path dir) {
        // Parquet strings are bytes: a string column made from bytes keeps them, invalid or not, as a file written
        // by another tool would
        StructType schema = new StructType().add("id", DataTypes.StringType).add("b", DataTypes.BinaryType);
        byte[] bad = concat(utf8("John left. He "), new byte[] {(byte) 0xF4, (byte) 0x90}, utf8(" said."));
        byte[] good = utf8(TEXTS.get(0));
        Path parquet = dir.resolve("in.parquet");
        spark.createDataFrame(List.of(RowFactory.create("bad", bad), RowFactory.create("good", good)), schema)
                .withColumn("text", org.apache.spark.sql.functions.col("b").cast(DataTypes.StringType)).drop("b")
                .write().parquet(parquet.toString());
        Path out = dir.resolve("out");
        assertEquals(0, execute("--input", parquet.toString(), "--output", out.toString()).code());
        Map<String, Row> rows = byId(out);
        assertEquals("invalid UTF-8 at byte 14 of the text", rows.get("bad").getAs("error"));
        assertEquals(library.resolve("row", TEXTS.get(0)).text(), rows.get("good").getAs("resolved"));
    }

    @Test
    void everyRewriteOptionOfResolveIsAvailable(@TempDir Path dir) throws Exception {
        String text = "John Smith hurt himself on Monday. \"He is fine,\" his coach said of him. He rested.";
        Path in = Files.writeString(dir.resolve("in.jsonl"),
                "{\"id\": \"a\", \"text\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text) + "}\n");
        // each option is parsed into the rewrite options; one run with all of them matches the library (one Spark
        // job per variant would cost seconds each)
        List<String> base = List.of("--input", in.toString(), "--output", "x");
        RewriteOptions reflexives = ResolveJob.Args.parse(concat(base, "--reflexives")).options().rewrite();
        assertTrue(reflexives.reflexives() && !reflexives.insideQuotes());
        RewriteOptions quotes = ResolveJob.Args.parse(concat(base, "--inside-quotes")).options().rewrite();
        assertTrue(quotes.insideQuotes() && !quotes.reflexives());
        assertEquals(0.75, ResolveJob.Args.parse(concat(base, "--min-confidence", "0.75")).options().rewrite().minConfidence());
        for (List<String> extra : List.of(List.of("--reflexives", "--inside-quotes", "--min-confidence", "0.3",
                "--replace", "all", "--representative", "longest"))) {
            Path out = dir.resolve("out" + extra.hashCode());
            List<String> args = new ArrayList<>(List.of("--input", in.toString(), "--output", out.toString()));
            args.addAll(extra);
            Run r = execute(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            ResolveJob.Args parsed = ResolveJob.Args.parse(args.toArray(String[]::new));
            RewriteOptions options = parsed.options().rewrite();
            assertTrue(options.reflexives() && options.insideQuotes() && options.minConfidence() == 0.3, options.toString());
            assertEquals(RewriteOptions.Replace.ALL, options.replace());
            assertEquals(library.resolve("row", text, options).text(), byId(out).get("a").getAs("resolved"), extra.toString());
        }
    }

    @Test
    void aModelThatCannotLoadFailsTheJobOnceWithItsReason(@TempDir Path dir) throws Exception {
        Path noModel = Files.createDirectories(dir.resolve("no-model"));
        Path in = Files.writeString(dir.resolve("in.csv"), "id,text\n" + "a,John left. He said so.\n".repeat(40));
        String saved = System.getProperty("referent.model");
        System.setProperty("referent.model", noModel.toString());
        try {
            int before = Models.ATTEMPTS.get();
            Run r = execute("--input", in.toString(), "--output", dir.resolve("out").toString());
            assertEquals(ResolveJob.FAILED, r.code(), r.err());
            assertTrue(r.err().contains("the Referent model cannot load") && r.err().contains("holds no model"), r.err());
            assertTrue(!r.err().contains("processing failed") && !r.err().contains("\tat "), r.err());
            assertEquals(1, Models.ATTEMPTS.get() - before, "the load is tried once, not once per row");
            assertTrue(!Files.exists(dir.resolve("out").resolve("_SUCCESS")));
        } finally {
            if (saved == null) {
                System.clearProperty("referent.model");
            } else {
                System.setProperty("referent.model", saved);
            }
        }
    }

    @Test
    void loggingIsQuietUnlessVerbose(@TempDir Path dir) {
        var root = org.apache.logging.log4j.LogManager.getRootLogger();
        var saved = root.getLevel();
        String missing = dir.resolve("missing.csv").toString();
        try {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.INFO);
            assertEquals(ResolveJob.USAGE, execute("--input", missing, "--output", dir.resolve("o").toString()).code());
            assertEquals(org.apache.logging.log4j.Level.WARN, org.apache.logging.log4j.LogManager.getRootLogger().getLevel());
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.INFO);
            assertEquals(ResolveJob.USAGE, execute("--verbose", "--input", missing, "--output", dir.resolve("o").toString()).code());
            assertEquals(org.apache.logging.log4j.Level.INFO, org.apache.logging.log4j.LogManager.getRootLogger().getLevel());
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(saved);
        }
    }

    /**
     * Issue 20, item 3: Spark's options are read by core's one validator, with core's names and defaults (the job's
     * --min-confidence default was 0 while the library's was 0.5); an unknown name is an error with the hint.
     */
    @Test
    void optionsByNameGoThroughCoresValidator(@TempDir Path dir) throws Exception {
        assertEquals(RewriteOptions.defaults(), SparkOptions.defaults().rewrite());
        assertEquals(RewriteOptions.defaults(), SparkOptions.fromMap(Map.of()).rewrite());
        SparkOptions o = SparkOptions.fromMap(Map.of("min_confidence", "0.7", "replace", "all", "clusters", "true",
                "max_chars", 10));
        assertEquals(0.7, o.rewrite().minConfidence());
        assertEquals(RewriteOptions.Replace.ALL, o.rewrite().replace());
        assertTrue(o.clusters());
        assertEquals(10, o.maxChars());
        for (String spelling : List.of("min-confidence", "minConfidence")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.referent.rewrite.RewriteSettings.InvalidSettingException.class,
                    () -> SparkOptions.fromMap(Map.of(spelling, "0.5")));
            assertTrue(e.getMessage().startsWith("unknown option '" + spelling + "' (did you mean 'min_confidence'?)"),
                    e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SparkOptions.defaults().withReplace("everything").rewrite());
        Path csv = Files.writeString(dir.resolve("in.csv"), "id,text\na,John left. He said so.\n");
        Run r = execute("--input", csv.toString(), "--output", dir.resolve("o").toString(), "--replace", "everything");
        assertEquals(ResolveJob.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--replace must be one of pronouns, pronouns+nominals, all; got 'everything'"), r.err());
        assertEquals(0.65, ResolveJob.Args.parse("--input", csv.toString(), "--output", "x").options().rewrite().minConfidence());
    }
}
