package dev.referent.spark;

import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.RewriteSettings;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the Spark integration does per row: the rewriting options of {@code resolve} (by name and value, so that
 * they serialise with the job), whether to add the clusters, and the longest text resolved (longer ones get an
 * error instead). The rewriting options are read and checked by core's {@link RewriteSettings}, as on the command
 * line and in the service, with the same defaults ({@link RewriteOptions#defaults()}).
 */
public record SparkOptions(String replace, String representative, boolean insideQuotes, boolean reflexives,
                           double minConfidence, boolean clusters, long maxChars) implements Serializable {

    /** The names {@link #fromMap} accepts: core's rewriting settings and the Spark integration's own two. */
    public static final List<String> NAMES = Stream.concat(RewriteSettings.NAMES.stream(),
            Stream.of("clusters", "max_chars")).toList();

    public static SparkOptions defaults() {
        RewriteOptions d = RewriteOptions.defaults();
        return new SparkOptions(d.replace().label(), d.representative().name().toLowerCase(java.util.Locale.ROOT),
                d.insideQuotes(), d.reflexives(), d.minConfidence(), false, dev.referent.Resolver.MAX_CHARS);
    }

    /**
     * Options by name, as a Spark user passes them in a map ({@code "min_confidence" -> "0.7"}): values as text or
     * as their Java type; null or absent keeps the default. An unknown name ({@code min-confidence}) is an error
     * with a "did you mean" hint, as in the service.
     *
     * @throws RewriteSettings.InvalidSettingException naming the option, the value and what is accepted
     */
    public static SparkOptions fromMap(Map<String, ?> options) {
        Map<String, Object> rewrite = new LinkedHashMap<>();
        boolean clusters = false;
        long maxChars = dev.referent.Resolver.MAX_CHARS;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            if (!NAMES.contains(name)) {
                throw RewriteSettings.unknown(name, NAMES, "");
            }
            if (value == null) {
                continue;
            }
            switch (name) {
                case "clusters" -> clusters = RewriteSettings.flag(name, value, RewriteSettings.Values.TEXT);
                case "max_chars" -> maxChars = positive(name, value);
                default -> rewrite.put(name, value);
            }
        }
        RewriteOptions r = RewriteSettings.fromSettings(rewrite, RewriteSettings.Values.TEXT);
        return new SparkOptions(r.replace().label(), r.representative().name().toLowerCase(java.util.Locale.ROOT),
                r.insideQuotes(), r.reflexives(), r.minConfidence(), clusters, maxChars);
    }

    private static long positive(String name, Object value) {
        try {
            long n = value instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(value).strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RewriteSettings.InvalidSettingException.value(name, "must be a positive whole number", "'" + value + "'");
    }

    public SparkOptions withClusters(boolean c) {
        return new SparkOptions(replace, representative, insideQuotes, reflexives, minConfidence, c, maxChars);
    }

    public SparkOptions withMaxChars(long m) {
        return new SparkOptions(replace, representative, insideQuotes, reflexives, minConfidence, clusters, m);
    }

    public SparkOptions withReplace(String r) {
        return new SparkOptions(r, representative, insideQuotes, reflexives, minConfidence, clusters, maxChars);
    }

    public SparkOptions withRepresentative(String r) {
        return new SparkOptions(replace, r, insideQuotes, reflexives, minConfidence, clusters, maxChars);
    }

    public SparkOptions withInsideQuotes(boolean q) {
        return new SparkOptions(replace, representative, q, reflexives, minConfidence, clusters, maxChars);
    }

    public SparkOptions withReflexives(boolean r) {
        return new SparkOptions(replace, representative, insideQuotes, r, minConfidence, clusters, maxChars);
    }

    public SparkOptions withMinConfidence(double p) {
        return new SparkOptions(replace, representative, insideQuotes, reflexives, p, clusters, maxChars);
    }

    /** The rewriting options by core's names. */
    Map<String, Object> settings() {
        return RewriteSettings.settings(replace, representative, insideQuotes, reflexives, minConfidence);
    }

    /**
     * The rewriting options; also checks names and ranges early, on the driver
     * ({@link RewriteSettings.InvalidSettingException}, an IllegalArgumentException).
     */
    RewriteOptions rewrite() {
        if (maxChars < 1) {
            throw RewriteSettings.InvalidSettingException.value("max_chars", "must be a positive whole number",
                    String.valueOf(maxChars));
        }
        return RewriteSettings.fromSettings(settings(), RewriteSettings.Values.TEXT);
    }
}
