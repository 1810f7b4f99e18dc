package dev.referent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The comparison as a Markdown section, and its place in docs/BENCHMARKS.md between two marker lines. */
final class Report {

    static final String BEGIN = "<!-- referent-bench:begin (written by ./referent bench; edits here are overwritten) -->";
    static final String END = "<!-- referent-bench:end -->";

    /** What the section says about the run besides the results. */
    record Run(String date, String command, String machine, String split, String gapSplit, int threads, String heap,
               int speedDocs, int rounds, double wallMinutes, String chartName, String predictions) {
    }

    private Report() {
    }

    static String markdown(Run run, List<SystemResult> results) {
        StringBuilder s = new StringBuilder();
        s.append(BEGIN).append("\n");
        // the docs name paths inside the checkout, never a machine's absolute path
        s.append("## Side by side with Stanford CoreNLP\n\n");
        s.append(String.format(Locale.ROOT, "Written by `%s` on %s (%s), %.1f minutes for the whole run. Every "
                        + "system ran in its own JVM (`-Xmx%s`, same settings), %d documents at a time, on the same "
                        + "documents: CoreNLP 4.5.10 was given our tokens and sentences (`tokenize.whitespace=true`, "
                        + "`ssplit.eolonly=true`; named-entity extras off), so both are scored on identical tokens by "
                        + "our scorer, singletons dropped for both (OntoNotes scheme). Predictions are kept in "
                        + "`%s` (CoNLL, for `./referent score`).%n%n",
                run.command(), run.date(), run.machine(), run.wallMinutes(), run.heap(), run.threads(), inCheckout(run.predictions())));
        s.append(String.format(Locale.ROOT, "### Accuracy (OntoGUM %s, GAP %s)%n%n", run.split(), run.gapSplit()));
        s.append("| system | CoNLL-F1 | MUC | B3 | CEAFe | LEA | mentions R / P | news CoNLL-F1 | GAP F1 | GAP M / F | bias F/M |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SystemResult r : results) {
            s.append(String.format(Locale.ROOT, "| %s | **%.2f** | %.2f | %.2f | %.2f | %.2f | %.1f / %.1f | %.2f | **%.2f** | %.1f / %.1f | %.3f |%n",
                    label(r), r.conllF1(), r.ontogum.get("muc"), r.ontogum.get("b3"), r.ontogum.get("ceafe"),
                    r.ontogum.get("lea"), r.ontogum.get("mentions_r"), r.ontogum.get("mentions_p"),
                    r.ontogum.get("news_conll"), r.gap.get("f1"), r.gap.get("masculine"), r.gap.get("feminine"),
                    r.gap.get("bias")));
        }
        int docs = results.get(0).ontogum.get("docs").intValue();
        int newsDocs = results.get(0).ontogum.get("news_docs").intValue();
        s.append(String.format(Locale.ROOT, "%n%d documents, %,d words; the news subset is its %d `GUM_news_` "
                        + "documents; GAP: %d examples.%n%n", docs, results.get(0).ontogum.get("words").intValue(),
                newsDocs, results.get(0).gap.get("examples").intValue()));
        SystemResult referent = results.stream().filter(r -> r.name.equals(ReferentSystem.NAME)).findFirst().orElse(null);
        s.append(String.format(Locale.ROOT, "### Speed and memory%n%nSteady state: each system first processed "
                        + "the accuracy sets (warm-up), then %d timed rounds over the first %d OntoGUM news documents "
                        + "(%,d words), the systems taking turns within each round (the starting system rotates). "
                        + "Load = building the system and resolving a first one-sentence document. Peak heap = the most "
                        + "heap in use before any collection (garbage not yet collected included, so it grows with "
                        + "`-Xmx`); live "
                        + "heap = heap in use after a full collection at the end (models and caches); peak RSS = the "
                        + "JVM's high-water mark (`VmHWM`), both peaks over the whole run. Ratios are Referent's figure divided by the system's, measured in the same run.%n%n",
                run.rounds(), run.speedDocs(), results.get(0).speedRounds.get(0).get("words").intValue()));
        s.append("| system | load | words/s | per round | peak heap | live heap | peak RSS | words/s ratio | load ratio | RSS ratio |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (SystemResult r : results) {
            String rounds = r.roundWordsPerSecond().stream().map(v -> String.format(Locale.ROOT, "%,.0f", v))
                    .collect(Collectors.joining(", "));
            String speedRatio = "";
            String loadRatio = "";
            String rssRatio = "";
            if (referent != null && r != referent) {
                speedRatio = String.format(Locale.ROOT, "%.1fx", referent.wordsPerSecond() / r.wordsPerSecond());
                loadRatio = String.format(Locale.ROOT, "%.2f", referent.load.get("load_s") / r.load.get("load_s"));
                rssRatio = String.format(Locale.ROOT, "%.2f", referent.memory.get("rss_mb") / r.memory.get("rss_mb"));
            }
            s.append(String.format(Locale.ROOT, "| %s | %.1f s | **%,.0f** | %s | %,.0f MB | %,.0f MB | %,.0f MB | %s | %s | %s |%n",
                    label(r), r.load.get("load_s"), r.wordsPerSecond(), rounds, r.memory.get("heap_mb"),
                    r.memory.get("live_mb"), r.memory.get("rss_mb"), speedRatio, loadRatio, rssRatio));
        }
        s.append(String.format(Locale.ROOT, "%n![CoNLL-F1 against words per second](%s)%n", run.chartName()));
        s.append(END).append("\n");
        return s.toString();
    }

    private static String label(SystemResult r) {
        return r.name.equals(ReferentSystem.NAME) ? ReferentSystem.LABEL : CoreNlpSystem.Kind.bySystemName(r.name).label();
    }

    /** Replaces the section between the markers in {@code file}, or appends it when the file has none. */
    static void writeInto(Path file, String section) throws IOException {
        String text = Files.isRegularFile(file) ? Files.readString(file) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            int after = text.indexOf('\n', end);
            updated = text.substring(0, begin) + section + (after < 0 ? "" : text.substring(after + 1));
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
        }
        Files.writeString(file, updated);
    }

    /** {@code path} relative to the project home when it lies inside it (the docs name no machine paths). */
    static String inCheckout(Object path) {
        java.nio.file.Path p = java.nio.file.Path.of(String.valueOf(path)).toAbsolutePath().normalize();
        java.nio.file.Path home = dev.referent.eval.io.ProjectHome.dir().toAbsolutePath().normalize();
        return p.startsWith(home) ? home.relativize(p).toString() : String.valueOf(path);
    }
}
