package dev.referent.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/**
 * The Spark job: reads CSV (header, multi-line quoted fields), JSONL or Parquet, adds {@code resolved} and
 * {@code error} (and {@code clusters} with --clusters), writes Parquet or JSON Lines. Run with spark-submit
 * (the referent-spark jar is self-contained but for Spark) or {@code ./referent spark}.
 *
 * <pre>
 * ResolveJob --input IN --output OUT [--master local[2]] [--input-format csv|jsonl|parquet]
 *            [--output-format parquet|jsonl] [--id-col id] [--text-col text] [--author-col author]
 *            [--keep-cols a,b] [--clusters] [--max-chars N] [--replace MODE] [--representative HOW] [--overwrite]
 * </pre>
 */
public final class ResolveJob {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveJob.class);

    private ResolveJob() {
    }

    /** The parsed command line. */
    record Args(String master, String input, String output, String inputFormat, String outputFormat, String idCol,
                String textCol, String authorCol, List<String> keepCols, boolean overwrite, SparkOptions options) {

        static Args parse(String... args) {
            String master = null;
            String input = null;
            String output = null;
            String inputFormat = null;
            String outputFormat = null;
            String idCol = "id";
            String textCol = "text";
            String authorCol = "author";
            List<String> keep = null;
            boolean overwrite = false;
            SparkOptions options = SparkOptions.defaults();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--clusters")) {
                    options = options.withClusters(true);
                    continue;
                }
                if (a.equals("--overwrite")) {
                    overwrite = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--master" -> master = v;
                    case "--input" -> input = v;
                    case "--output" -> output = v;
                    case "--input-format" -> inputFormat = v.toLowerCase(Locale.ROOT);
                    case "--output-format" -> outputFormat = v.toLowerCase(Locale.ROOT);
                    case "--id-col" -> idCol = v;
                    case "--text-col" -> textCol = v;
                    case "--author-col" -> authorCol = v;
                    case "--keep-cols" -> keep = Arrays.asList(v.split(","));
                    case "--max-chars" -> options = options.withMaxChars(Long.parseLong(v));
                    case "--replace" -> options = options.withReplace(v);
                    case "--representative" -> options = options.withRepresentative(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (input == null || output == null) {
                throw new IllegalArgumentException("--input and --output are required");
            }
            if (inputFormat == null) {
                inputFormat = formatOf(input);
            }
            if (outputFormat == null) {
                outputFormat = output.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "jsonl";
            }
            if (!List.of("parquet", "jsonl").contains(outputFormat)) {
                throw new IllegalArgumentException("--output-format must be parquet or jsonl, not " + outputFormat);
            }
            options.rewrite();
            return new Args(master, input, output, inputFormat, outputFormat, idCol, textCol, authorCol, keep, overwrite,
                    options);
        }

        private static String formatOf(String path) {
            String p = path.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
            if (p.endsWith(".csv")) {
                return "csv";
            }
            if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")) {
                return "jsonl";
            }
            if (p.endsWith(".parquet")) {
                return "parquet";
            }
            throw new IllegalArgumentException("cannot tell the format of " + path + "; pass --input-format csv|jsonl|parquet");
        }
    }

    public static void main(String[] args) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("referent spark: " + e.getMessage());
            System.err.println("usage: ResolveJob --input IN --output OUT [--master M] [--clusters] [--keep-cols a,b] ...");
            System.exit(2);
            return;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("referent-resolve");
        if (a.master() != null) {
            builder = builder.master(a.master());
        } else if (System.getProperty("spark.master") == null) {
            builder = builder.master("local[*]"); // not under spark-submit and no --master: this machine
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel(System.getProperty("referent.spark.logLevel", "WARN"));
        try {
            long rows = run(spark, a);
            LOG.info("wrote {} rows to {}", rows, a.output());
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in an existing session; returns the number of rows written. */
    static long run(SparkSession spark, Args a) {
        Dataset<Row> in = switch (a.inputFormat()) {
            case "csv" -> spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                    .option("mode", "PERMISSIVE").csv(a.input());
            case "jsonl" -> spark.read().json(a.input());
            case "parquet" -> spark.read().parquet(a.input());
            default -> throw new IllegalArgumentException("unknown input format " + a.inputFormat());
        };
        // a multi-line CSV or a single small file is read as one partition: spread the rows over every core
        int parallelism = spark.sparkContext().defaultParallelism();
        if (in.rdd().getNumPartitions() < parallelism) {
            in = in.repartition(parallelism);
        }
        List<String> columns = Arrays.asList(in.columns());
        for (String required : List.of(a.idCol(), a.textCol())) {
            if (!columns.contains(required)) {
                throw new IllegalArgumentException("the input has no column '" + required + "' (columns: " + columns + ")");
            }
        }
        List<Column> keep = new ArrayList<>();
        for (String c : columns) {
            if (a.keepCols() == null || a.keepCols().contains(c) || c.equals(a.idCol()) || c.equals(a.textCol())) {
                keep.add(col("`" + c + "`"));
            }
        }
        Dataset<Row> out = Referent.resolve(in.select(keep.toArray(new Column[0])), a.textCol(), a.options());
        if (a.keepCols() != null && !a.keepCols().contains(a.textCol())) {
            out = out.drop(a.textCol());
        }
        out = out.cache();
        long rows = out.count();
        var writer = out.write().mode(a.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        if (a.outputFormat().equals("parquet")) {
            writer.parquet(a.output());
        } else {
            writer.json(a.output());
        }
        out.unpersist();
        return rows;
    }
}
