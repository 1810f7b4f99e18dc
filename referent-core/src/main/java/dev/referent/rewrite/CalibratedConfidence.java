package dev.referent.rewrite;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.WordSyntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The probability that a replacement names the right entity: a logistic model over {@link ReplacementFeatures},
 * fitted on OntoGUM dev by {@code referent eval --fit-confidence} and shipped beside the model as {@code
 * confidence.properties}. Bound to one document's antecedent distribution and link confidences.
 */
public final class CalibratedConfidence implements ReplacementConfidence {

    /** The fitted weights, in {@link ReplacementFeatures#NAMES} order, and the intercept. */
    public record Weights(double[] weights, double bias) {

        public Weights {
            if (weights.length != ReplacementFeatures.NAMES.size()) {
                throw new IllegalArgumentException(weights.length + " weights for "
                        + ReplacementFeatures.NAMES.size() + " features");
            }
        }

        public double probability(double[] features) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * features[i];
            }
            return 1 / (1 + Math.exp(-z));
        }

        /** Reads {@code bias} and one {@code w.NAME} per feature; a missing or unknown key is an error naming it. */
        public static Weights read(InputStream in, String source) {
            Properties p = new Properties();
            try {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
            return from(p, source);
        }

        /** The weights in {@code p} (keys as {@link #read} takes them). */
        public static Weights from(Properties p, String source) {
            double[] w = new double[ReplacementFeatures.NAMES.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = number(p, "w." + ReplacementFeatures.NAMES.get(i), source);
            }
            for (String key : p.stringPropertyNames()) {
                if (!key.equals("bias") && !(key.startsWith("w.") && ReplacementFeatures.NAMES.contains(key.substring(2)))) {
                    throw new IllegalArgumentException(source + ": unknown key '" + key + "'");
                }
            }
            return new Weights(w, number(p, "bias", source));
        }

        private static double number(Properties p, String key, String source) {
            String v = p.getProperty(key);
            if (v == null) {
                throw new IllegalArgumentException(source + ": no '" + key + "'");
            }
            try {
                return Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": '" + key + "' is not a number: " + v);
            }
        }

        /** The file {@link #read} takes, with a comment on where it came from. */
        public String write(String comment) {
            StringWriter out = new StringWriter();
            out.append("# ").append(comment).append('\n');
            out.append("bias=").append(format(bias)).append('\n');
            for (int i = 0; i < weights.length; i++) {
                out.append("w.").append(ReplacementFeatures.NAMES.get(i)).append('=').append(format(weights[i])).append('\n');
            }
            return out.toString();
        }

        private static String format(double v) {
            return String.format(Locale.ROOT, "%.6f", v);
        }
    }

    private final Weights weights;
    private final AntecedentScores antecedents;
    private final WordSyntax syntax;
    /** The features' per-document facts, gathered at the document's first replacement. */
    private ReplacementFeatures features;
    private Document featuresOf;

    /** The confidence of one document's replacements (not thread-safe: one instance per rewriting). */
    public CalibratedConfidence(Weights weights, AntecedentScores antecedents, WordSyntax syntax) {
        this.weights = weights;
        this.antecedents = antecedents;
        this.syntax = syntax;
    }

    @Override
    public double of(Document doc, Cluster cluster, Mention mention, Representative representative) {
        if (featuresOf != doc) {
            features = new ReplacementFeatures(doc, antecedents, syntax);
            featuresOf = doc;
        }
        return weights.probability(features.of(cluster, mention, representative));
    }
}
