package dev.referent.spark;

import dev.referent.rewrite.RewriteOptions;

import java.io.Serializable;

/**
 * What the Spark integration does per row: the rewriting options of {@code resolve} (by name and value, so that
 * they serialise with the job), whether to add the clusters, and the longest text resolved (longer ones get an
 * error instead).
 */
public record SparkOptions(String replace, String representative, boolean insideQuotes, boolean reflexives,
                           double minConfidence, boolean clusters, long maxChars) implements Serializable {

    public static SparkOptions defaults() {
        return new SparkOptions("pronouns", "name", false, false, 0.0, false, 1_000_000);
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

    /** The rewriting options; also checks names and ranges early, on the driver (IllegalArgumentException). */
    RewriteOptions rewrite() {
        if (maxChars < 1) {
            throw new IllegalArgumentException("--max-chars must be positive, not " + maxChars);
        }
        RewriteOptions d = RewriteOptions.defaults();
        return new RewriteOptions(RewriteOptions.Replace.parse(replace), RewriteOptions.Representative.parse(representative),
                insideQuotes, reflexives, minConfidence, d.maxRepresentativeTokens());
    }
}
