package dev.referent.spark;

import dev.referent.rewrite.RewriteOptions;

import java.io.Serializable;

/**
 * What the Spark integration does per row: the rewriting options (by name, so that they serialise with the job),
 * whether to add the clusters, and the longest text resolved (longer ones get an error instead).
 */
public record SparkOptions(String replace, String representative, boolean clusters, long maxChars) implements Serializable {

    public static SparkOptions defaults() {
        return new SparkOptions("pronouns", "name", false, 1_000_000);
    }

    public SparkOptions withClusters(boolean c) {
        return new SparkOptions(replace, representative, c, maxChars);
    }

    public SparkOptions withMaxChars(long m) {
        return new SparkOptions(replace, representative, clusters, m);
    }

    public SparkOptions withReplace(String r) {
        return new SparkOptions(r, representative, clusters, maxChars);
    }

    public SparkOptions withRepresentative(String r) {
        return new SparkOptions(replace, r, clusters, maxChars);
    }

    /** The rewriting options; also checks the names early, on the driver. */
    RewriteOptions rewrite() {
        return RewriteOptions.defaults().withReplace(RewriteOptions.Replace.parse(replace))
                .withRepresentative(RewriteOptions.Representative.parse(representative));
    }
}
