package dev.referent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small SVG scatter plot of OntoGUM test CoNLL-F1 against words/s (log scale), one labelled point a system. */
final class Chart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private Chart() {
    }

    static String svg(List<SystemResult> results, String title) {
        double minRate = Double.MAX_VALUE;
        double maxRate = 0;
        double minF1 = 100;
        double maxF1 = 0;
        for (SystemResult r : results) {
            minRate = Math.min(minRate, r.wordsPerSecond());
            maxRate = Math.max(maxRate, r.wordsPerSecond());
            minF1 = Math.min(minF1, r.conllF1());
            maxF1 = Math.max(maxF1, r.conllF1());
        }
        // whole decades on the x axis; on the y axis multiples of 10 around the scores, so close systems stay apart
        double lo = Math.floor(Math.log10(Math.max(1, minRate)));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(1, maxRate))));
        double top = Math.min(100, Math.max(10, Math.ceil((maxF1 + 1) / 10) * 10));
        double bottom = Math.max(0, Math.floor((minF1 - 1) / 10) * 10 - 10);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (double d = lo; d <= hi + 1e-9; d++) {
            for (int m = 1; m < 10 && d + Math.log10(m) <= hi + 1e-9; m++) {
                double x = LEFT + plotW * (d + Math.log10(m) - lo) / (hi - lo);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                        x, TOP, x, TOP + plotH, m == 1 ? "#bbb" : "#eee"));
                if (m == 1) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n",
                            x, TOP + plotH + 18, Math.round(Math.pow(10, d))));
                }
            }
        }
        for (double f = bottom; f <= top + 1e-9; f += 10) {
            double y = TOP + plotH * (1 - (f - bottom) / (top - bottom));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", LEFT - 8, y + 4, f));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">words per second on 2 cores "
                + "(log scale)</text>%n", LEFT + plotW / 2, HEIGHT - 18));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(20,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "OntoGUM test CoNLL-F1</text>%n", TOP + plotH / 2));
        List<double[]> placed = new ArrayList<>(); // boxes of the points and of the labels drawn: x0, y0, x1, y1
        double[] xs = new double[results.size()];
        double[] ys = new double[results.size()];
        for (int p = 0; p < results.size(); p++) {
            xs[p] = LEFT + plotW * (Math.log10(Math.max(1, results.get(p).wordsPerSecond())) - lo) / (hi - lo);
            ys[p] = TOP + plotH * (1 - (results.get(p).conllF1() - bottom) / (top - bottom));
            placed.add(new double[] {xs[p] - 7, ys[p] - 7, xs[p] + 7, ys[p] + 7});
        }
        for (int p = 0; p < results.size(); p++) {
            SystemResult r = results.get(p);
            double x = xs[p];
            double y = ys[p];
            String colour = r.name.equals(ReferentSystem.NAME) ? "#c0392b" : "#2c3e50";
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>%n", x, y, colour));
            String label = String.format(Locale.ROOT, "%s (%.1f)", r.name, r.conllF1());
            double width = label.length() * 6.8;
            boolean leftLabel = x + 10 + width > WIDTH - RIGHT;
            double x0 = leftLabel ? x - 10 - width : x + 10;
            // above the point, else below, else further out, until the label overlaps none drawn before it
            double baseline = y - 8;
            for (double offset : new double[] {-8, 20, -24, 36, -40, 52, -56}) {
                baseline = y + offset;
                if (!overlaps(placed, x0, baseline - 12, x0 + width, baseline + 3)) {
                    break;
                }
            }
            placed.add(new double[] {x0, baseline - 12, x0 + width, baseline + 3});
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
                    leftLabel ? x - 10 : x + 10, baseline, leftLabel ? "end" : "start", colour, escape(label)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static boolean overlaps(List<double[]> boxes, double x0, double y0, double x1, double y1) {
        for (double[] b : boxes) {
            if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
