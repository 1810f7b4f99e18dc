package dev.referent.spark;

import dev.referent.Resolver;
import dev.referent.format.JsonFormat;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.text.Utf8;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

/**
 * Referent for Spark users' own jobs: {@link #resolve(Dataset, String)} adds {@code resolved} and {@code error}
 * columns (and optionally {@code clusters}), and {@link #register(SparkSession)} adds the SQL function
 * {@code referent_resolve(text)}. A bad row (null, empty or blank text, invalid UTF-8, text over the limit, a failure)
 * gets a null {@code resolved} and the reason in {@code error}; it never fails the stage. A model that cannot load
 * fails the job once, with its reason.
 */
public final class Referent {

    public static final String UDF_NAME = "referent_resolve";

    /*
     * The column types of the JSON schema of clusters and replacements (docs/FORMATS.md, "json"): the values are
     * written by core's JsonFormat, the one writer of every front end, and read into these structs with from_json,
     * so that a Spark user queries the same field names as in resolve --format json, batch and the service. A field
     * renamed on one side only reads back as null, which ReferentSparkTest catches.
     */
    private static final StructType SPAN = new StructType().add("start", DataTypes.IntegerType)
            .add("end", DataTypes.IntegerType).add("text", DataTypes.StringType);
    static final StructType MENTION = SPAN.add("type", DataTypes.StringType)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("head", SPAN).add("confidence", DataTypes.DoubleType);
    static final StructType CLUSTER = new StructType().add("id", DataTypes.IntegerType)
            .add("representative", new StructType().add("text", DataTypes.StringType).add("mention", DataTypes.IntegerType))
            .add("mentions", DataTypes.createArrayType(MENTION));
    static final StructType REPLACEMENT = new StructType().add("start", DataTypes.IntegerType)
            .add("end", DataTypes.IntegerType).add("original", DataTypes.StringType)
            .add("replacement", DataTypes.StringType).add("cluster", DataTypes.IntegerType)
            .add("rule", DataTypes.StringType).add("confidence", DataTypes.DoubleType)
            .add("resolved_start", DataTypes.IntegerType).add("resolved_end", DataTypes.IntegerType);
    static final DataType CLUSTERS = DataTypes.createArrayType(CLUSTER);
    static final DataType REPLACEMENTS = DataTypes.createArrayType(REPLACEMENT);
    /** One row's result; clusters and replacements as JsonFormat's JSON, read into structs by {@link #resolve}. */
    static final StructType RESULT = new StructType().add("resolved", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true)
            .add("clusters", DataTypes.StringType, true)
            .add("replacements", DataTypes.StringType, true);

    private static final String TEMP = "__referent";

    private Referent() {
    }

    public static Dataset<Row> resolve(Dataset<Row> df, String textColumn) {
        return resolve(df, textColumn, SparkOptions.defaults());
    }

    /** {@code df} with {@code resolved}, {@code error} and, with {@code options.clusters()}, {@code clusters}. */
    public static Dataset<Row> resolve(Dataset<Row> df, String textColumn, SparkOptions options) {
        return resolve(df, textColumn, null, options);
    }

    /**
     * As {@link #resolve(Dataset, String, SparkOptions)}; a non-null value in {@code inputErrorColumn} (when given)
     * is a problem found while reading the row (invalid UTF-8, malformed JSON): that row is not resolved and the
     * problem becomes its {@code error}.
     */
    static Dataset<Row> resolve(Dataset<Row> df, String textColumn, String inputErrorColumn, SparkOptions options) {
        options.rewrite(); // bad option names fail here, on the driver
        Column text = col(quoted(textColumn));
        DataType type = df.schema().apply(textColumn).dataType();
        // the raw bytes: Spark keeps a string's UTF-8 bytes as it read them (Parquet, the text source), so invalid
        // UTF-8 is still visible here and is reported instead of being resolved as U+FFFD
        Column bytes = type.equals(DataTypes.BinaryType) ? text : text.cast(DataTypes.StringType).cast(DataTypes.BinaryType);
        Column inputError = inputErrorColumn == null ? lit(null).cast(DataTypes.StringType) : col(quoted(inputErrorColumn));
        Dataset<Row> withResult = df.withColumn(TEMP, resultFunction(options).apply(bytes, inputError));
        Dataset<Row> out = withResult.withColumn("resolved", col(TEMP + ".resolved"))
                .withColumn("error", col(TEMP + ".error"));
        if (options.clusters()) {
            out = out.withColumn("clusters", from_json(col(TEMP + ".clusters"), CLUSTERS))
                    .withColumn("replacements", from_json(col(TEMP + ".replacements"), REPLACEMENTS));
        }
        return out.drop(TEMP);
    }

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /** Registers {@code referent_resolve(text)}: the resolved text, or null for a bad row. */
    public static void register(SparkSession spark) {
        register(spark, SparkOptions.defaults());
    }

    public static void register(SparkSession spark, SparkOptions options) {
        options.rewrite();
        UDF1<String, String> f = text -> {
            Row r = resolveRow(text == null ? null : text.getBytes(StandardCharsets.UTF_8), null, options);
            return r.getString(0);
        };
        spark.udf().register(UDF_NAME, udf(f, DataTypes.StringType).asNondeterministic());
    }

    /** One call per row: marked non-deterministic so that Spark never evaluates it twice for the struct's fields. */
    static UserDefinedFunction resultFunction(SparkOptions options) {
        UDF2<byte[], String, Row> f = (bytes, inputError) -> resolveRow(bytes, inputError, options);
        return udf(f, RESULT).asNondeterministic();
    }

    /**
     * The result struct for one text given as its UTF-8 bytes; bad rows give (null, reason, null). A model that
     * cannot load is not a bad row: its {@link Models.ModelLoadException} fails the task and the job.
     */
    static Row resolveRow(byte[] bytes, String inputError, SparkOptions options) {
        if (inputError != null) {
            return RowFactory.create(null, inputError, null, null);
        }
        if (bytes == null) {
            return RowFactory.create(null, "missing text", null, null);
        }
        String text;
        try {
            text = Utf8.decode(bytes);
        } catch (Utf8.InvalidUtf8Exception e) {
            return RowFactory.create(null, "invalid UTF-8 at byte " + e.offset() + " of the text", null, null);
        }
        if (text.isBlank()) {
            return RowFactory.create(null, "empty text", null, null);
        }
        if (text.length() > options.maxChars()) {
            return RowFactory.create(null, "text has " + text.length() + " characters, over the limit of "
                    + options.maxChars(), null, null);
        }
        Resolver resolver = Models.resolver(); // outside the try: a model that cannot load fails the job
        try {
            RewriteOptions rewrite = options.rewrite();
            Resolver.Resolved r = resolver.resolve("row", text, rewrite);
            if (!options.clusters()) {
                return RowFactory.create(r.text(), null, null, null);
            }
            return RowFactory.create(r.text(), null, JsonFormat.clusters(r.result()), JsonFormat.replacements(r.result()));
        } catch (RuntimeException e) {
            return RowFactory.create(null, "processing failed: " + (e.getMessage() == null ? e : e.getMessage()), null,
                    null);
        }
    }
}
