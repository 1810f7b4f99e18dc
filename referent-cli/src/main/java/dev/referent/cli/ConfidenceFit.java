package dev.referent.cli;

import dev.referent.Resolver;
import dev.referent.doc.Cluster;
import dev.referent.doc.Mention;
import dev.referent.eval.score.LogisticFit;
import dev.referent.eval.score.ReplacementAccuracy;
import dev.referent.rewrite.CalibratedConfidence;
import dev.referent.rewrite.Replacement;
import dev.referent.rewrite.ReplacementFeatures;
import dev.referent.rewrite.Representative;
import dev.referent.rewrite.RepresentativeSelector;
import dev.referent.rewrite.RewriteOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the replacement confidence ({@link CalibratedConfidence}) on the judged candidate replacements of an
 * evaluation split and reports how well it predicts correctness, cross-validated by document so that the printed
 * figures are not those of the documents a fold was fitted on.
 */
final class ConfidenceFit {

    /** A light L2 penalty: the features are of unit scale and a few hundred examples fit them. */
    static final double L2 = 1.0;
    private static final int FOLDS = 5;
    /** The cross-validated log-loss a feature must save to be kept: less is what noise features save by chance. */
    static final double MIN_GAIN = 0.002;

    private ConfidenceFit() {
    }

    /** The features of the replacements the rewriter made in {@code resolved}, in their order. */
    static List<double[]> features(Resolver.Resolved resolved, List<Replacement> replacements, RewriteOptions options) {
        Map<Integer, Cluster> clusters = new HashMap<>();
        resolved.document().clusters().forEach(c -> clusters.put(c.id(), c));
        // the representative the rewriter used for each mention, chosen again by the same code
        RepresentativeSelector selector = new RepresentativeSelector(resolved.document(), options);
        ReplacementFeatures features = new ReplacementFeatures(resolved.document(), resolved.antecedents(), resolved.syntax());
        List<double[]> out = new ArrayList<>();
        for (Replacement r : replacements) {
            Cluster cluster = clusters.get(r.clusterId());
            if (cluster == null) {
                throw new IllegalStateException("replacement of cluster " + r.clusterId() + " has no cluster");
            }
            Mention mention = cluster.mentions().stream().filter(m -> m.start() == r.start() && m.end() == r.end())
                    .findFirst().orElseThrow(() -> new IllegalStateException("replacement at " + r.start()
                            + " has no mention in cluster " + r.clusterId()));
            Representative rep = selector.forMention(cluster, mention, selector.select(cluster).orElseThrow());
            out.add(features.of(cluster, mention, rep));
        }
        return out;
    }

    /**
     * The feature columns named in {@code names} (as {@link ReplacementFeatures#NAMES} spells them, or with the
     * {@code w.} of their weights in {@code confidence.properties}), in that order.
     *
     * @throws Main.UsageException naming an unknown or repeated feature and the known ones
     */
    static List<Integer> columns(List<String> names) {
        List<Integer> out = new ArrayList<>();
        for (String name : names) {
            String feature = name.strip().startsWith("w.") ? name.strip().substring(2) : name.strip();
            int column = ReplacementFeatures.NAMES.indexOf(feature);
            if (column < 0 || out.contains(column)) {
                throw new Main.UsageException((column < 0 ? "unknown" : "repeated") + " confidence feature '"
                        + feature + "'; features: " + String.join(", ", ReplacementFeatures.NAMES));
            }
            out.add(column);
        }
        return out;
    }

    /**
     * Fits the confidence on {@code features} (parallel to the judged replacements of {@code accuracy}) over the
     * columns {@code fixed}, or over those forward selection keeps when {@code fixed} is null, writes the model file
     * {@code out}, and prints the cross-validated reliability and precision/recall by threshold.
     */
    static void fitAndWrite(ReplacementAccuracy accuracy, List<double[]> features, List<Integer> fixed, Path out,
                            Path curve, String data) throws IOException {
        List<ReplacementAccuracy.Judged> judged = accuracy.judged();
        List<Boolean> labels = judged.stream().map(ReplacementAccuracy.Judged::right).toList();
        // folds by document: replacements of one document share clusters and must not straddle a fit and its test
        List<String> documents = judged.stream().map(ReplacementAccuracy.Judged::document).distinct().toList();
        int[] fold = new int[judged.size()];
        for (int i = 0; i < judged.size(); i++) {
            fold[i] = documents.indexOf(judged.get(i).document()) % FOLDS;
        }
        List<Integer> selected = fixed != null ? fixed : select(features, labels, fold, true);
        double[] heldOut = crossValidated(features, labels, fold, selected);
        System.out.printf(Locale.ROOT, "confidence fit on %s: %d candidate replacements, %d right; %d-fold "
                + "cross-validated log-loss %.4f%n", data, judged.size(), labels.stream().filter(b -> b).count(), FOLDS,
                logLoss(heldOut, labels));
        System.out.println("reliability (cross-validated): bin, replacements, mean predicted, observed right");
        for (int b = 0; b < 10; b++) {
            double lo = b / 10.0;
            double hi = (b + 1) / 10.0;
            int n = 0;
            double predicted = 0;
            int right = 0;
            for (int i = 0; i < heldOut.length; i++) {
                if (heldOut[i] >= lo && (heldOut[i] < hi || b == 9)) {
                    n++;
                    predicted += heldOut[i];
                    right += labels.get(i) ? 1 : 0;
                }
            }
            if (n > 0) {
                System.out.printf(Locale.ROOT, "  %.1f-%.1f %5d %6.3f %6.3f%n", lo, hi, n, predicted / n, (double) right / n);
            }
        }
        int replaceable = accuracy.total().replaceable();
        System.out.println("threshold, replacements, precision, rightly-replaced, recall (cross-validated)");
        double[] thresholds = new double[20];
        double[] precisions = new double[20];
        double[] recalls = new double[20];
        for (int t = 0; t <= 95; t += 5) {
            double threshold = t / 100.0;
            int n = 0;
            int right = 0;
            int rightly = 0;
            for (int i = 0; i < heldOut.length; i++) {
                if (heldOut[i] >= threshold) {
                    n++;
                    right += labels.get(i) ? 1 : 0;
                    rightly += labels.get(i) && judged.get(i).replaceable() ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "  %.2f %5d %6.1f %% %5d %6.1f %%%n", threshold, n,
                    n == 0 ? 0 : 100.0 * right / n, rightly, replaceable == 0 ? 0 : 100.0 * rightly / replaceable);
            thresholds[t / 5] = threshold;
            precisions[t / 5] = n == 0 ? 0 : (double) right / n;
            recalls[t / 5] = replaceable == 0 ? 0 : (double) rightly / replaceable;
        }
        if (curve != null) {
            Files.writeString(curve, curveSvg(thresholds, precisions, recalls, RewriteOptions.DEFAULT_MIN_CONFIDENCE, data));
            System.out.println("wrote " + curve);
        }
        // the final fit on every candidate, over the selected features; the others weigh 0
        double[] full = new double[ReplacementFeatures.NAMES.size()];
        double bias;
        if (selected.isEmpty()) {
            long right = labels.stream().filter(v -> v).count();
            bias = Math.log((right + 0.5) / (labels.size() - right + 0.5));
        } else {
            LogisticFit.Model all = LogisticFit.fit(project(features, selected), labels, L2);
            for (int k = 0; k < selected.size(); k++) {
                full[selected.get(k)] = all.weights()[k];
            }
            bias = all.bias();
        }
        CalibratedConfidence.Weights weights = new CalibratedConfidence.Weights(full, bias);
        Files.writeString(out, weights.write("replacement confidence fitted by referent eval --fit-confidence on " + data
                + " (" + judged.size() + " candidate replacements)"));
        System.out.println("wrote " + out);
    }

    /**
     * Forward selection on the cross-validated log-loss, from the constant model: the feature columns (of
     * {@link ReplacementFeatures#NAMES}' width) kept, in the order added; a feature is kept only while it predicts
     * held-out documents better by at least {@link #MIN_GAIN} (the features that help change with the model whose candidates these are).
     */
    static List<Integer> select(List<double[]> features, List<Boolean> labels, int[] fold, boolean print) {
        int width = features.isEmpty() ? 0 : features.get(0).length;
        List<Integer> selected = new ArrayList<>();
        double best = logLoss(crossValidated(features, labels, fold, selected), labels);
        if (print) {
            System.out.printf(Locale.ROOT, "feature selection: constant model, cross-validated log-loss %.4f%n", best);
        }
        while (selected.size() < width) {
            int bestFeature = -1;
            double bestLoss = best;
            for (int f = 0; f < width; f++) {
                if (!selected.contains(f)) {
                    List<Integer> trial = new ArrayList<>(selected);
                    trial.add(f);
                    double loss = logLoss(crossValidated(features, labels, fold, trial), labels);
                    if (loss < bestLoss - MIN_GAIN) {
                        bestLoss = loss;
                        bestFeature = f;
                    }
                }
            }
            if (bestFeature < 0) {
                break;
            }
            selected.add(bestFeature);
            best = bestLoss;
            if (print) {
                System.out.printf(Locale.ROOT, "feature selection: + %s, cross-validated log-loss %.4f%n",
                        width == ReplacementFeatures.NAMES.size() ? ReplacementFeatures.NAMES.get(bestFeature)
                                : "feature " + bestFeature, best);
            }
        }
        return selected;
    }

    /**
     * Each candidate's probability from a model fitted without its document's fold, over the feature columns
     * {@code columns} (none: the fold's rate of right replacements).
     */
    static double[] crossValidated(List<double[]> features, List<Boolean> labels, int[] fold, List<Integer> columns) {
        double[] heldOut = new double[labels.size()];
        List<double[]> projected = project(features, columns);
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> x = new ArrayList<>();
            List<Boolean> y = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (fold[i] != f) {
                    x.add(projected.get(i));
                    y.add(labels.get(i));
                }
            }
            if (y.isEmpty()) {
                continue;
            }
            double rate = (y.stream().filter(v -> v).count() + 0.5) / (y.size() + 1.0);
            LogisticFit.Model m = columns.isEmpty() ? null : LogisticFit.fit(x, y, L2);
            for (int i = 0; i < labels.size(); i++) {
                if (fold[i] == f) {
                    heldOut[i] = m == null ? rate : m.probability(projected.get(i));
                }
            }
        }
        return heldOut;
    }

    static double logLoss(double[] probability, List<Boolean> labels) {
        double loss = 0;
        for (int i = 0; i < probability.length; i++) {
            double p = Math.min(1 - 1e-9, Math.max(1e-9, probability[i]));
            loss -= labels.get(i) ? Math.log(p) : Math.log(1 - p);
        }
        return loss / Math.max(1, probability.length);
    }

    private static List<double[]> project(List<double[]> features, List<Integer> columns) {
        List<double[]> out = new ArrayList<>(features.size());
        for (double[] x : features) {
            double[] p = new double[columns.size()];
            for (int k = 0; k < p.length; k++) {
                p[k] = x[columns.get(k)];
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The cross-validated precision/recall trade-off as an SVG chart: recall of the replaceable pronouns on x,
     * precision of the replacements on y, one point per threshold, the default threshold marked.
     */
    static String curveSvg(double[] thresholds, double[] precision, double[] recall, double defaultThreshold, String data) {
        int w = 640;
        int h = 420;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 50;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(w / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">Replacement precision and recall by --min-confidence (")
                .append(data).append(", 5-fold cross-validated)</text>\n");
        for (int t = 0; t <= 10; t++) {
            double x = left + plotW * t / 10;
            double y = top + plotH - plotH * t / 10;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", x, top, x, top + plotH));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", left, y, left + plotW, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>\n", x, top + plotH + 16, t * 10));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", left - 6, y + 4, t * 10));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">recall: replaceable pronouns rightly replaced (%%)</text>\n",
                left + plotW / 2, h - 12));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">precision: replacements that name the right entity (%%)</text>\n",
                top + plotH / 2, top + plotH / 2));
        double goal = top + plotH - plotH * 0.9;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#c33\">precision 90 %%</text>\n", left, goal, left + plotW, goal, left + plotW - 4, goal - 4));
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < thresholds.length; i++) {
            if (recall[i] <= 0) {
                continue;
            }
            double x = left + plotW * recall[i];
            double y = top + plotH - plotH * precision[i];
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            boolean chosen = Math.abs(thresholds[i] - defaultThreshold) < 1e-9;
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>threshold %.2f: precision %.1f %%, recall %.1f %%</title></circle>\n",
                    x, y, chosen ? 6 : 3, chosen ? "#c60" : "#36c", thresholds[i], 100 * precision[i], 100 * recall[i]));
            if (chosen || i % 4 == 0) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">%.2f%s</text>\n", x + 6, y - 6,
                        thresholds[i], chosen ? " (default)" : ""));
            }
        }
        sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#36c\" stroke-width=\"1.5\"/>\n</svg>\n");
        return sb.toString();
    }
}
