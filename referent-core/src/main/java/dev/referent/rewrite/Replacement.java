package dev.referent.rewrite;

/**
 * One rewritten mention: characters {@code [start, end)} of the original text became {@code replacement}, which
 * sits at {@code [outputStart, outputEnd)} of the resolved text.
 *
 * @param rule why and how it was rewritten: "pronoun", "possessive", "nominal", "name"
 * @param confidence the model's confidence in the link (1.0 for gold clusters)
 */
public record Replacement(int start, int end, String original, String replacement, int clusterId, String rule,
                          double confidence, int outputStart, int outputEnd) {
}
