package dev.referent.rewrite;

import dev.referent.doc.Mention;

/**
 * One rewritten mention: characters {@code [start, end)} of the original text became {@code replacement}, which
 * sits at {@code [outputStart, outputEnd)} of the resolved text.
 *
 * @param rule why and how it was rewritten: "pronoun", "possessive", "nominal", "name"
 * @param confidence the probability that the replacement names the right entity (calibrated when the model ships a
 *                   calibration; else the mention's link confidence; 1.0 for gold clusters)
 * @param source the mention the replacement's text was taken from: the entity's representative, or a nearer mention
 *               of the same cluster when the representative shares no word with it
 */
public record Replacement(int start, int end, String original, String replacement, int clusterId, String rule,
                          double confidence, int outputStart, int outputEnd, Mention source) {
}
