package dev.referent.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import dev.referent.rewrite.RewriteSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * The Spark job: reads CSV (header, multi-line quoted fields), JSONL or Parquet, adds {@code resolved} and
 * {@code error} (and {@code clusters} with --clusters), writes Parquet or JSON Lines. Run with spark-submit
 * (the referent-spark jar is self-contained but for Spark) or {@code ./referent spark}; {@code --help} lists the
 * options.
 *
 * <p>Exit status: 0 done; 2 usage or input error (a bad option, a missing input, an existing output, a missing
 * column), one line on stderr; 1 the job failed (a model that cannot load: once, with its reason).
 */
public final class ResolveJob {

    static final int USAGE = 2;
    static final int FAILED = 1;

    /** Temporary columns of the job (dropped before writing). */
    private static final String BYTES = "__referent_text_bytes";
    private static final String INPUT_ERROR = "__referent_input_error";
    private static final String JSON = "__referent_json";
    private static final String CORRUPT = "__referent_corrupt";

    private ResolveJob() {
    }

    /** A user error: reported as one line, exit status 2. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The command line, parsed with picocli like the CLI's (whose {@code spark} entry mirrors these options). */
    @Command(name = "spark", mixinStandardHelpOptions = true, version = "referent spark 0.1.0",
            description = {"Resolve a corpus on Apache Spark: CSV, JSON Lines or Parquet in; Parquet or JSON Lines out, "
                    + "with 'resolved' and 'error' columns (docs/SPARK.md).",
                    "Exit status: 0 done, 2 usage or input error (bad option, missing input, existing output), "
                            + "1 the job failed (e.g. the model cannot load)."})
    static final class Options {
        @Option(names = "--input", required = true, paramLabel = "IN", description = "a .csv, .jsonl/.json/.ndjson or .parquet file or directory")
        String input;
        @Option(names = "--output", required = true, paramLabel = "OUT", description = "ends in .parquet: Parquet; otherwise JSON Lines (a directory of part files)")
        String output;
        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*])")
        String master;
        @Option(names = "--input-format", paramLabel = "FORMAT", description = "csv, jsonl or parquet (default: from the name)")
        String inputFormat;
        @Option(names = "--output-format", paramLabel = "FORMAT", description = "parquet or jsonl (default: from the name)")
        String outputFormat;
        @Option(names = "--id-col", defaultValue = "id", paramLabel = "NAME", description = "id column (default: id)")
        String idCol;
        @Option(names = "--text-col", defaultValue = "text", paramLabel = "NAME", description = "text column (default: text)")
        String textCol;
        @Option(names = "--author-col", defaultValue = "author", paramLabel = "NAME", description = "author column (default: author)")
        String authorCol;
        @Option(names = "--keep-cols", split = ",", paramLabel = "NAMES", description = "columns copied to the output besides the id (default: all)")
        List<String> keepCols;
        @Option(names = "--clusters", description = "add each row's clusters and replacements (the JSON schema of resolve --format json, as structs)")
        boolean clusters;
        @Option(names = "--max-chars", defaultValue = "1000000", paramLabel = "N", description = "longer texts are reported in 'error' (default 1,000,000)")
        long maxChars;
        @Option(names = "--replace", paramLabel = "MODE", description = RewriteSettings.REPLACE_HELP)
        String replace;
        @Option(names = "--representative", paramLabel = "HOW", description = RewriteSettings.REPRESENTATIVE_HELP)
        String representative;
        @Option(names = "--inside-quotes", description = RewriteSettings.INSIDE_QUOTES_HELP)
        boolean insideQuotes;
        @Option(names = "--reflexives", description = RewriteSettings.REFLEXIVES_HELP)
        boolean reflexives;
        @Option(names = "--min-confidence", paramLabel = "P", description = RewriteSettings.MIN_CONFIDENCE_HELP)
        String minConfidence;
        @Option(names = "--overwrite", description = "replace an existing OUT")
        boolean overwrite;
        @Option(names = "--verbose", description = "Spark's own INFO logging (default: warnings and errors only)")
        boolean verbose;
        @Option(names = "--debug", description = "print the stack trace of an error")
        boolean debug;
    }

    /** The parsed command line. */
    record Args(String master, String input, String output, String inputFormat, String outputFormat, String idCol,
                String textCol, String authorCol, List<String> keepCols, boolean overwrite, boolean verbose,
                boolean debug, SparkOptions options) {

        /** Parses and checks the arguments; a {@link UsageException} says what is wrong. */
        static Args parse(String... args) {
            Options o = new Options();
            try {
                new CommandLine(o).parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new UsageException(e.getMessage());
            }
            return of(o);
        }

        static Args of(Options o) {
            String inputFormat = o.inputFormat != null ? o.inputFormat.toLowerCase(Locale.ROOT) : formatOf(o.input);
            if (!List.of("csv", "jsonl", "parquet").contains(inputFormat)) {
                throw new UsageException("--input-format must be csv, jsonl or parquet, not '" + o.inputFormat + "'");
            }
            String outputFormat = o.outputFormat != null ? o.outputFormat.toLowerCase(Locale.ROOT)
                    : o.output.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "jsonl";
            if (!List.of("parquet", "jsonl").contains(outputFormat)) {
                throw new UsageException("--output-format must be parquet or jsonl, not '" + o.outputFormat + "'");
            }
            // by core's names, read by core's validator (SparkOptions.fromMap), as the CLI and the service do
            Map<String, Object> settings = RewriteSettings.settings(o.replace, o.representative, o.insideQuotes,
                    o.reflexives, o.minConfidence);
            settings.put("clusters", o.clusters);
            settings.put("max_chars", o.maxChars);
            SparkOptions options;
            try {
                options = SparkOptions.fromMap(settings);
            } catch (RewriteSettings.InvalidSettingException e) {
                // the message in this command line's syntax: the flag of the setting
                throw new UsageException(e.messageFor(RewriteSettings.flagOf(e.name())));
            }
            return new Args(o.master, o.input, o.output, inputFormat, outputFormat, o.idCol, o.textCol, o.authorCol,
                    o.keepCols, o.overwrite, o.verbose, o.debug, options);
        }

        private static String formatOf(String path) {
            String p = path.toLowerCase(Locale.ROOT).replaceAll("\\.(gz|bz2|zst|snappy|lz4)$", "");
            if (p.endsWith(".csv")) {
                return "csv";
            }
            if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")) {
                return "jsonl";
            }
            if (p.endsWith(".parquet")) {
                return "parquet";
            }
            throw new UsageException("cannot tell the format of '" + path + "'; pass --input-format csv|jsonl|parquet");
        }
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /**
     * Runs the job from its command line and returns the exit status (tests call this; it never exits the JVM, and
     * it stops only a Spark session it started itself).
     */
    static int execute(PrintStream out, PrintStream err, String... args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        Args a;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested()) {
                cli.usage(out);
                return 0;
            }
            if (cli.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return 0;
            }
            a = Args.of(o);
        } catch (CommandLine.ParameterException | UsageException e) {
            err.println("referent spark: " + e.getMessage());
            err.println("referent spark: 'referent spark --help' lists the options");
            return USAGE;
        }
        if (!a.verbose()) {
            quietLogging();
        }
        try {
            checkPaths(a, new org.apache.hadoop.conf.Configuration());
        } catch (UsageException e) {
            err.println("referent spark: " + e.getMessage());
            return USAGE;
        }
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = null;
        try {
            SparkSession.Builder builder = SparkSession.builder().appName("referent-resolve");
            if (a.master() != null) {
                builder = builder.master(a.master());
            } else if (System.getProperty("spark.master") == null) {
                builder = builder.master("local[*]"); // not under spark-submit and no --master: this machine
            }
            spark = builder.getOrCreate();
            if (!a.verbose()) {
                spark.sparkContext().setLogLevel("WARN");
            }
            Counts counts = run(spark, a);
            err.printf(Locale.ROOT, "referent spark: %,d rows written to %s, %,d with an error (see its 'error' column)%n",
                    counts.rows(), a.output(), counts.errors());
            return 0;
        } catch (Exception | Error e) {
            return report(e, err, a.debug());
        } finally {
            if (spark != null && ownSession) {
                spark.stop();
            }
        }
    }

    /** One line for a user error (2); the model's reason, or the failure's type and message, for a failed job (1). */
    static int report(Throwable e, PrintStream err, boolean debug) {
        Models.ModelLoadException model = find(e, Models.ModelLoadException.class);
        String analysis = analysisMessage(e);
        int code;
        if (e instanceof UsageException || analysis != null) {
            err.println("referent spark: " + (analysis != null ? analysis : e.getMessage()));
            code = USAGE;
        } else if (model != null) {
            err.println("referent spark: job failed: " + model.getMessage());
            code = FAILED;
        } else {
            err.println("referent spark: job failed: " + e.getClass().getName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage().lines().findFirst().orElse("")));
            if (!debug) {
                err.println("referent spark: rerun with --debug for the stack trace");
            }
            code = FAILED;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return code;
    }

    /** Spark's analysis errors (a path not found, an output that exists, an unknown column) are user errors. */
    private static String analysisMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.spark.sql.AnalysisException) {
                return t.getMessage().lines().findFirst().orElse(t.toString());
            }
        }
        return null;
    }

    /** The first {@code type} in the cause chain; a task's failure also arrives as text in Spark's message. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        String marker = "the Referent model cannot load: ";
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf(marker);
            if (at >= 0 && type == Models.ModelLoadException.class) {
                String reason = m.substring(at + marker.length()).lines().findFirst().orElse("");
                return type.cast(new Models.ModelLoadException(reason, null));
            }
        }
        return null;
    }

    /**
     * Before Spark starts (a few seconds): a missing input and an existing output are usage errors. Paths the
     * Hadoop client cannot check here (an unknown scheme) are left to Spark.
     */
    static void checkPaths(Args a, org.apache.hadoop.conf.Configuration conf) {
        try {
            org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path(a.input());
            org.apache.hadoop.fs.FileStatus[] found = in.getFileSystem(conf).globStatus(in);
            if (found == null || found.length == 0) {
                throw new UsageException("cannot read '" + a.input() + "': no such file or directory");
            }
            org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(a.output());
            if (!a.overwrite() && out.getFileSystem(conf).exists(out)) {
                throw new UsageException("'" + a.output() + "' exists; pass --overwrite to replace it");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            // cannot tell from here; Spark reports it
        }
    }

    /** Warnings and errors only, from the start (Spark's INFO lines come before setLogLevel could act). */
    private static void quietLogging() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        } catch (LinkageError e) {
            // another logging backend: Spark's setLogLevel below still applies
        }
    }

    /** Rows written and rows with an error. */
    record Counts(long rows, long errors) {
    }

    /** Runs the job in an existing session; returns the number of rows written and of rows with an error. */
    static Counts run(SparkSession spark, Args a) {
        Dataset<Row> in = read(spark, a);
        // a multi-line CSV or a single small file is read as one partition: spread the rows over every core
        int parallelism = spark.sparkContext().defaultParallelism();
        if (in.rdd().getNumPartitions() < parallelism) {
            in = in.repartition(parallelism);
        }
        List<String> columns = new ArrayList<>();
        for (String c : in.columns()) {
            if (!c.startsWith("__referent_")) {
                columns.add(c);
            }
        }
        for (String required : List.of(a.idCol(), a.textCol())) {
            if (!columns.contains(required)) {
                throw new UsageException("the input has no column '" + required + "' (columns: " + columns + ")");
            }
        }
        if (a.keepCols() != null) {
            for (String k : a.keepCols()) {
                if (!columns.contains(k)) {
                    throw new UsageException("--keep-cols names '" + k + "', which the input lacks (columns: " + columns + ")");
                }
            }
        }
        List<String> names = List.of(in.columns());
        String textSource = names.contains(BYTES) ? BYTES : a.textCol();
        String inputError = names.contains(INPUT_ERROR) ? INPUT_ERROR : null;
        Dataset<Row> resolved = Referent.resolve(in, textSource, inputError, a.options());
        List<Column> keep = new ArrayList<>();
        for (String c : columns) {
            boolean kept = a.keepCols() == null || a.keepCols().contains(c) || c.equals(a.idCol());
            // an input that already has the job's own columns (a second pass) gets them replaced, not doubled
            boolean replaced = c.equals("resolved") || c.equals("error")
                    || ((c.equals("clusters") || c.equals("replacements")) && a.options().clusters());
            if (kept && !replaced) {
                keep.add(col(Referent.quoted(c)));
            }
        }
        keep.add(col("resolved"));
        keep.add(col("error"));
        if (a.options().clusters()) {
            keep.add(col("clusters"));
            keep.add(col("replacements"));
        }
        Dataset<Row> out = resolved.select(keep.toArray(new Column[0])).cache();
        long rows = out.count();
        long errors = out.filter(col("error").isNotNull()).count();
        var writer = out.write().mode(a.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        if (a.outputFormat().equals("parquet")) {
            writer.parquet(a.output());
        } else {
            writer.json(a.output());
        }
        out.unpersist();
        return new Counts(rows, errors);
    }

    /**
     * The input with its own columns and, where the format needs them, the text's raw bytes ({@value #BYTES}) and
     * a problem found while reading ({@value #INPUT_ERROR}), so that invalid UTF-8 is reported as in batch instead
     * of being decoded to U+FFFD and resolved.
     */
    static Dataset<Row> read(SparkSession spark, Args a) {
        return switch (a.inputFormat()) {
            case "csv" -> readCsv(spark, a);
            case "jsonl" -> readJsonLines(spark, a);
            default -> spark.read().parquet(a.input()); // strings keep their bytes: Referent.resolve checks them
        };
    }

    /**
     * CSV read as ISO-8859-1, which maps every byte to one char: the parser sees the same quotes, commas and line
     * breaks as in UTF-8 (multi-byte UTF-8 sequences hold no ASCII bytes), and each field's original bytes come
     * back exactly. Names and fields are then decoded as UTF-8 (U+FFFD for bad bytes, outside the text), and the
     * text goes to the resolver as bytes, so that invalid UTF-8 in it becomes the row's error.
     */
    private static Dataset<Row> readCsv(SparkSession spark, Args a) {
        Dataset<Row> raw = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                .option("mode", "PERMISSIVE").option("encoding", "ISO-8859-1").csv(a.input());
        var lenient = udf((UDF1<String, String>) ResolveJob::latin1ToUtf8, DataTypes.StringType);
        var bytes = udf((UDF1<String, byte[]>) s -> s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1),
                DataTypes.BinaryType);
        List<Column> columns = new ArrayList<>();
        for (String c : raw.columns()) {
            String name = latin1ToUtf8(c).replace("\uFEFF", "").strip();
            columns.add(lenient.apply(col(Referent.quoted(c))).as(name));
            if (name.equals(a.textCol())) {
                columns.add(bytes.apply(col(Referent.quoted(c))).as(BYTES));
            }
        }
        return raw.select(columns.toArray(new Column[0]));
    }

    static String latin1ToUtf8(String s) {
        return s == null ? null : new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * JSON Lines read as lines of bytes: a line with invalid UTF-8 or that is not a JSON object gets the reason in
     * {@value #INPUT_ERROR} (its fields are still parsed, U+FFFD for bad bytes, so that its id is kept), as batch
     * does; blank lines are skipped. The schema is inferred from the valid lines, as Spark's JSON reader does.
     */
    private static Dataset<Row> readJsonLines(SparkSession spark, Args a) {
        StructType inferred = spark.read().json(a.input()).schema();
        StructType schema = new StructType();
        for (StructField f : inferred.fields()) {
            if (!f.name().equals("_corrupt_record")) {
                schema = schema.add(f);
            }
        }
        schema = schema.add(CORRUPT, DataTypes.StringType, true);
        var lenient = udf((UDF1<byte[], String>) b -> b == null ? null : new String(b, StandardCharsets.UTF_8),
                DataTypes.StringType);
        var utf8Error = udf((UDF1<byte[], String>) ResolveJob::utf8Problem, DataTypes.StringType);
        Column line = col("value").cast(DataTypes.BinaryType);
        Dataset<Row> lines = spark.read().text(a.input()).filter(length(trim(col("value"))).gt(0));
        Dataset<Row> parsed = lines.select(
                from_json(lenient.apply(line), schema, Map.of("columnNameOfCorruptRecord", CORRUPT, "mode", "PERMISSIVE"))
                        .as(JSON),
                utf8Error.apply(line).as("__referent_utf8"));
        List<Column> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(CORRUPT)) {
                columns.add(col(JSON + "." + Referent.quoted(f.name())).as(f.name()));
            }
        }
        columns.add(coalesce(col("__referent_utf8"),
                when(col(JSON).isNull().or(col(JSON + "." + CORRUPT).isNotNull()), lit("malformed JSON line (not a JSON object)")))
                .as(INPUT_ERROR));
        return parsed.select(columns.toArray(new Column[0]));
    }

    /** "invalid UTF-8 at byte N of the line", or null when the line is valid. */
    static String utf8Problem(byte[] line) {
        if (line == null) {
            return null;
        }
        try {
            dev.referent.text.Utf8.decode(line);
            return null;
        } catch (dev.referent.text.Utf8.InvalidUtf8Exception e) {
            return "invalid UTF-8 at byte " + e.offset() + " of the line";
        }
    }
}
