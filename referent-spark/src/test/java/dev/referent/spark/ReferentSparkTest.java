package dev.referent.spark;

import dev.referent.Resolver;
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
    void everyRowMatchesTheLibraryAndBadRowsCarryAReason() {
        Map<String, String> expectedError = new HashMap<>();
        Dataset<Row> df = spark.createDataFrame(rows(expectedError), SCHEMA).repartition(4);
        Dataset<Row> out = Referent.resolve(df, "text", SparkOptions.defaults().withMaxChars(500).withClusters(true));
        List<String> columns = List.of(out.columns());
        assertEquals(List.of("id", "text", "label", "resolved", "error", "clusters"), columns);
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
        assertTrue(expectedError.size() >= 12, "bad rows of each kind");
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
                "--keep-cols", "title"));
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
                parquet.toString(), "--clusters")));
        // Parquet in, JSON Lines out: the resolved column of the first run goes through unchanged
        Path again = dir.resolve("again");
        assertEquals(10, ResolveJob.run(spark, ResolveJob.Args.parse("--input", parquet.toString(), "--output",
                again.toString(), "--text-col", "text", "--keep-cols", "resolved")));
        for (Row r : spark.read().parquet(parquet.toString()).collectAsList()) {
            int i = Integer.parseInt(r.<String>getAs("id").substring(1));
            Resolver.Resolved expected = library.resolve("row", TEXTS.get(i % TEXTS.size()));
            assertEquals(expected.text(), r.getAs("resolved"));
            assertEquals(expected.document().clusters().size(), r.getList(r.fieldIndex("clusters")).size());
        }
        assertEquals(10, spark.read().json(again.toString()).count());
    }
}
