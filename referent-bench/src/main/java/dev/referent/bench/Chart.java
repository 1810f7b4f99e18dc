package dev.referent.bench;

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
        double maxF1 = 0;
        for (SystemResult r : results) {
            minRate = Math.min(minRate, r.wordsPerSecond());
            maxRate = Math.max(maxRate, r.wordsPerSecond());
            maxF1 = Math.max(maxF1, r.conllF1());
        }
        // whole decades on the x axis, 0 to the next multiple of 10 above the best score on the y axis
        double lo = Math.floor(Math.log10(Math.max(1, minRate)));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(1, maxRate))));
        double top = Math.max(10, Math.ceil((maxF1 + 1) / 10) * 10);
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
        for (double f = 0; f <= top + 1e-9; f += 10) {
            double y = TOP + plotH * (1 - f / top);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", LEFT - 8, y + 4, f));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">words per second on 2 cores "
                + "(log scale)</text>%n", LEFT + plotW / 2, HEIGHT - 18));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(20,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "OntoGUM test CoNLL-F1</text>%n", TOP + plotH / 2));
        for (SystemResult r : results) {
            double x = LEFT + plotW * (Math.log10(Math.max(1, r.wordsPerSecond())) - lo) / (hi - lo);
            double y = TOP + plotH * (1 - r.conllF1() / top);
            String colour = r.name.startsWith("referent") ? "#c0392b" : "#2c3e50";
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>%n", x, y, colour));
            boolean leftLabel = x > LEFT + plotW * 0.75;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s (%.1f)</text>%n",
                    leftLabel ? x - 10 : x + 10, y - 8, leftLabel ? "end" : "start", colour, escape(r.name), r.conllF1()));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
