package dev.referent.cli;

import dev.referent.Resolver;
import dev.referent.doc.Document;
import dev.referent.eval.io.ConlluReader;
import dev.referent.eval.io.DataPaths;
import dev.referent.eval.io.GapExample;
import dev.referent.eval.io.GapReader;
import dev.referent.eval.score.CorefScorer;
import dev.referent.eval.score.GapScorer;
import dev.referent.eval.score.MentionDetection;
import dev.referent.doc.MentionType;
import dev.referent.eval.score.ReplacementAccuracy;
import dev.referent.model.Cancellation;
import dev.referent.rewrite.ReplacementFeatures;
import dev.referent.model.CorefModel;
import dev.referent.model.StageTimes;
import dev.referent.text.TextAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code referent eval --data ontogum|gap --split S}: predicts a benchmark split and scores it. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the model on OntoGUM (CoNLL metrics; prints 'CoNLL-F1 <number>' last) or GAP "
                + "(prints 'GAP-F1 <number>' with masculine/feminine F1 and bias).")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelMixin models;

    @Mixin
    EncoderThreads encoderThreads;

    @Option(names = "--data", required = true, paramLabel = "ontogum|gap")
    String data;

    @Option(names = "--split", required = true, paramLabel = "SPLIT",
            description = "ontogum: train, dev, test, test2; gap: development, validation (any gap-<split>.tsv)")
    String split;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "corpora folder (default ../shared/data beside the project home)")
    Path dataDir;

    @Mixin
    RewriteMixin rewrite;

    @Option(names = "--replacements-out", paramLabel = "FILE",
            description = "write every judged replacement (OntoGUM) as TSV: document, offsets, original, replacement, "
                    + "rule, confidence, right, replaceable, context")
    Path replacementsOut;

    @Option(names = "--fit-confidence", paramLabel = "FILE",
            description = "fit the replacement confidence on this split's candidate replacements (run with "
                    + "--min-confidence 0) and write the model file (confidence.properties); prints a 5-fold "
                    + "cross-validated reliability table and precision/recall by threshold")
    Path fitConfidence;

    @Option(names = "--confidence-features", paramLabel = "NAMES", split = ",",
            description = "with --fit-confidence: fit these features (comma-separated names such as "
                    + "type_mismatch,mentions; FORMATS.md lists them) instead of choosing them by forward selection")
    List<String> confidenceFeatures;

    @Option(names = "--stages",
            description = "print where the time goes, stage by stage (text analysis of each document's text, wordpieces, "
                    + "encoder, word head, LSTMs, coarse and pair scorers, decoding, rewriting), after the warm-up "
                    + "document")
    boolean stages;

    @Option(names = "--curve", paramLabel = "FILE",
            description = "with --fit-confidence: draw the cross-validated precision/recall curve over thresholds (SVG)")
    Path curve;

    @Override
    public Integer call() throws IOException {
        Path dir = dataDir != null ? dataDir.toAbsolutePath() : DataPaths.dataDir();
        long l0 = System.nanoTime();
        try (CorefModel coref = models.load(encoderThreads.count())) {
            System.out.printf(Locale.ROOT, "model %s loaded in %.2f s%n", coref.name(), (System.nanoTime() - l0) / 1e9);
            return switch (data.toLowerCase(Locale.ROOT)) {
                case "ontogum" -> ontogum(coref, dir);
                case "gap" -> gap(coref, dir);
                default -> throw new Main.UsageException("--data must be ontogum or gap, not '" + data + "'");
            };
        }
    }

    private int ontogum(CorefModel coref, Path dir) throws IOException {
        List<Document> gold = DataPaths.readOntogumSplit(dir, split,
                new ConlluReader(true, w -> System.err.println("referent: warning: " + w)));
        TextAnalyzer analyzer = new TextAnalyzer();
        Resolver resolver = new Resolver(coref, rewrite.options());
        ReplacementAccuracy replacements = new ReplacementAccuracy();
        if (fitConfidence != null && rewrite.options().minConfidence() > 0) {
            throw new Main.UsageException("--fit-confidence needs every candidate replacement: add --min-confidence 0");
        }
        if (confidenceFeatures != null && fitConfidence == null) {
            throw new Main.UsageException("--confidence-features needs --fit-confidence");
        }
        List<Integer> fixedFeatures = confidenceFeatures == null ? null : ConfidenceFit.columns(confidenceFeatures);
        List<double[]> features = new ArrayList<>();
        List<Document> predicted = new ArrayList<>();
        long words = 0;
        long nanos = 0;
        long taggedWords = 0;
        long correctTags = 0;
        StageTimes times = stages ? new StageTimes() : null;
        for (Document d : gold) {
            Document input = analyzer.prepareForPrediction(d);
            if (predicted.isEmpty()) {
                coref.predict(input); // warm-up: the first call pays for JIT compilation
            }
            if (times != null) {
                // the raw-text path's first stage, on the document's own text (eval predicts on the gold tokens)
                long a0 = System.nanoTime();
                analyzer.analyze(d.id(), d.text());
                times.add(StageTimes.Stage.TEXT, System.nanoTime() - a0);
            }
            long t0 = System.nanoTime();
            CorefModel.Prediction prediction = coref.predict(input, Cancellation.NONE, times);
            nanos += System.nanoTime() - t0;
            // the reader's measure: the rewriter's actual decisions on these tokens, judged against the gold entities
            long r0 = System.nanoTime();
            Resolver.Resolved resolved = resolver.rewrite(prediction, resolver.options());
            if (times != null) {
                times.add(StageTimes.Stage.REWRITE, System.nanoTime() - r0);
            }
            List<ReplacementAccuracy.Judged> judged = replacements.add(d, resolved.result());
            features.addAll(ConfidenceFit.features(resolved,
                    judged.stream().map(ReplacementAccuracy.Judged::replacement).toList(), resolver.options()));
            for (int i = 0; i < d.size(); i++) {
                if (d.token(i).xpos() != null) {
                    taggedWords++;
                    if (d.token(i).xpos().equals(prediction.xpos()[i])) {
                        correctTags++;
                    }
                }
            }
            predicted.add(prediction.document());
            words += d.size();
        }
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "POS head accuracy (XPOS): %.1f %% of %d words%n",
                taggedWords == 0 ? 0.0 : 100.0 * correctTags / taggedWords, taggedWords);
        List<Document> newsGold = gold.stream().filter(d -> DataPaths.isNews(d.id())).toList();
        List<Document> newsPredicted = predicted.stream().filter(d -> DataPaths.isNews(d.id())).toList();
        CorefScorer scorer = new CorefScorer();
        CorefScorer.Report report = scorer.score(gold, predicted);
        System.out.printf(Locale.ROOT, "OntoGUM %s: %d documents, %d words, %.1f s (%.0f words/s after warm-up), peak heap %d MB%n",
                split, gold.size(), words, seconds, words / seconds, peakHeapMb());
        if (!newsGold.isEmpty()) {
            System.out.printf(Locale.ROOT, "news subset (%d documents): CoNLL-F1 %.2f%n", newsGold.size(),
                    100 * scorer.score(newsGold, newsPredicted).conllF1());
        }
        if (times != null) {
            printStages(times, words);
        }
        MentionDetection.Report detection = MentionDetection.score(gold, predicted);
        for (MentionType type : List.of(MentionType.PROPER, MentionType.NOMINAL, MentionType.PRONOUN, MentionType.OTHER)) {
            int[] c = detection.of(type);
            System.out.printf(Locale.ROOT, "mentions %-8s gold %5d predicted %5d found %5d: R %.1f %% P %.1f %%%n",
                    type.name().toLowerCase(Locale.ROOT), c[0], c[1], c[2], 100 * detection.recall(type),
                    100 * detection.precision(type));
        }
        for (MentionType type : List.of(MentionType.PROPER, MentionType.NOMINAL, MentionType.PRONOUN, MentionType.OTHER)) {
            int[] c = detection.of(type);
            System.out.printf(Locale.ROOT, "mention heads %-8s gold %5d head found %5d, with the gold span %5d (%.1f %%); "
                            + "missed and repeating a mention of their entity word for word %5d%n",
                    type.name().toLowerCase(Locale.ROOT), c[0], c[3], c[4], c[3] == 0 ? 0.0 : 100.0 * c[4] / c[3], c[5]);
        }
        printReplacements(replacements);
        if (replacementsOut != null) {
            writeReplacements(replacements, gold, features);
        }
        if (fitConfidence != null) {
            ConfidenceFit.fitAndWrite(replacements, features, fixedFeatures, fitConfidence, curve, "OntoGUM " + split);
        }
        System.out.print(ScoreCommand.format(report));
        return 0;
    }

    private void writeReplacements(ReplacementAccuracy accuracy, List<Document> gold, List<double[]> features)
            throws IOException {
        Map<String, Document> byId = new HashMap<>();
        gold.forEach(d -> byId.put(d.id(), d));
        StringBuilder sb = new StringBuilder("document\tstart\tend\toriginal\treplacement\trule\tconfidence\tright\treplaceable\tcontext\terror\t"
                + String.join("\t", ReplacementFeatures.NAMES) + "\n");
        for (int i = 0; i < accuracy.judged().size(); i++) {
            ReplacementAccuracy.Judged j = accuracy.judged().get(i);
            var r = j.replacement();
            String text = byId.get(j.document()).text();
            String context = (text.substring(Math.max(0, r.start() - 80), r.start()) + "[" + r.original() + "]"
                    + text.substring(r.end(), Math.min(text.length(), r.end() + 40))).replaceAll("\\s+", " ");
            sb.append(j.document()).append('\t').append(r.start()).append('\t').append(r.end()).append('\t')
                    .append(r.original()).append('\t').append(r.replacement()).append('\t').append(r.rule()).append('\t')
                    .append(String.format(Locale.ROOT, "%.4f", r.confidence())).append('\t').append(j.right()).append('\t')
                    .append(j.replaceable()).append('\t').append(context).append('\t').append(j.error());
            for (double f : features.get(i)) {
                sb.append('\t').append(String.format(Locale.ROOT, "%.4f", f));
            }
            sb.append('\n');
        }
        Files.writeString(replacementsOut, sb.toString());
    }

    /** The stage table: milliseconds, share of the total and the pace of each stage alone in words per second. */
    private static void printStages(StageTimes times, long words) {
        double total = times.totalNanos();
        System.out.println("stage                                              ms   share   words/s alone");
        for (StageTimes.Stage stage : StageTimes.Stage.values()) {
            long ns = times.nanos(stage);
            System.out.printf(Locale.ROOT, "  %-46s %7.0f %6.1f %% %12.0f%n", stage.label(), ns / 1e6,
                    100 * ns / total, ns == 0 ? Double.POSITIVE_INFINITY : words / (ns / 1e9));
        }
        System.out.printf(Locale.ROOT, "  %-46s %7.0f %6.1f %% %12.0f%n", "all stages", total / 1e6, 100.0,
                words / (total / 1e9));
    }

    /** Replacement precision and recall, overall and per rule (pronoun, possessive, nominal, name). */
    private void printReplacements(ReplacementAccuracy accuracy) {
        ReplacementAccuracy.Counts all = accuracy.total();
        System.out.printf(Locale.ROOT, "resolved text (min-confidence %s, replace %s): replacements %d right %d "
                        + "precision %.1f %%; replaceable %d rightly-replaced %d recall %.1f %%%n",
                rewrite.options().minConfidence(), rewrite.options().replace().label(), all.replacements(), all.right(),
                100 * all.precision(), all.replaceable(), all.rightlyReplaced(), 100 * all.recall());
        System.out.println("  wrong replacements by cause: " + accuracy.errors());
        for (String rule : ReplacementAccuracy.rules()) {
            ReplacementAccuracy.Counts c = accuracy.byRule(rule);
            if (c.replacements() == 0 && c.replaceable() == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "  rule %-10s replacements %d right %d precision %.1f %%; replaceable %d "
                            + "rightly-replaced %d recall %.1f %%%n", rule, c.replacements(), c.right(),
                    100 * c.precision(), c.replaceable(), c.rightlyReplaced(), 100 * c.recall());
        }
    }

    private int gap(CorefModel coref, Path dir) throws IOException {
        Path file = DataPaths.gap(dir, split);
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("no GAP split '" + split + "' (expected " + file + ")");
        }
        List<GapExample> examples = new GapReader().read(file);
        TextAnalyzer analyzer = new TextAnalyzer();
        Map<String, GapScorer.Prediction> predictions = new HashMap<>();
        Resolver resolver = new Resolver(coref, rewrite.options());
        int right = 0;
        int wrong = 0;
        int unjudged = 0;
        int alone = 0;
        for (GapExample ex : examples) {
            Resolver.Resolved resolved = resolver.resolve(analyzer.analyze(ex.id(), ex.text()), resolver.options(),
                    Cancellation.NONE);
            predictions.put(ex.id(), GapScorer.Prediction.fromClusters(resolved.document(), ex));
            // the reader's measure: what the resolved text wrote for the GAP pronoun
            var replacement = resolved.result().replacements().stream()
                    .filter(r -> r.start() == ex.pronounOffset()).findFirst();
            if (replacement.isEmpty()) {
                alone++;
            } else if (!ex.corefA() && !ex.corefB()) {
                unjudged++; // GAP names neither candidate: the right entity is unknown
            } else if (namesGapEntity(replacement.get(), ex.corefA() ? ex.nameA() : ex.nameB(),
                    ex.corefA() ? ex.offsetA() : ex.offsetB())) {
                right++;
            } else {
                wrong++;
            }
        }
        GapScorer.Report r = new GapScorer().score(examples, predictions);
        System.out.printf(Locale.ROOT, "GAP %s: %d examples%n", split, r.examples());
        System.out.printf(Locale.ROOT, "%-10s %8s %8s %8s%n", "", "R", "P", "F1");
        print("overall", r.overall());
        print("masculine", r.masculine());
        print("feminine", r.feminine());
        System.out.printf(Locale.ROOT, "bias (F/M) %.3f%n", r.bias());
        int n = examples.size();
        System.out.printf(Locale.ROOT, "resolved text (min-confidence %s): GAP pronouns replaced by the right name %d "
                        + "(%.1f %%), by a wrong one %d (%.1f %%), in examples naming neither candidate %d (%.1f %%), left "
                        + "alone %d (%.1f %%); precision %.1f %%%n", rewrite.options().minConfidence(), right,
                100.0 * right / n, wrong, 100.0 * wrong / n, unjudged, 100.0 * unjudged / n, alone, 100.0 * alone / n,
                right + wrong == 0 ? 0 : 100.0 * right / (right + wrong));
        System.out.printf(Locale.ROOT, "GAP-F1 %.2f%n", 100 * r.overall().f1());
        return 0;
    }

    /**
     * Whether a replacement names GAP's answer: its source mention overlaps the answer's name, or the words written
     * contain the name or are contained in it ("Smith" for "John Smith").
     */
    static boolean namesGapEntity(dev.referent.rewrite.Replacement r, String name, int offset) {
        if (r.source().start() < offset + name.length() && offset < r.source().end()) {
            return true;
        }
        String written = r.replacement().replaceFirst("['’]s?$", "").toLowerCase(Locale.ROOT);
        String lower = name.toLowerCase(Locale.ROOT);
        return !written.isBlank() && (written.contains(lower) || lower.contains(written));
    }

    /** Peak use of all heap pools since the JVM started. */
    static long peakHeapMb() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static void print(String label, GapScorer.Counts c) {
        System.out.printf(Locale.ROOT, "%-10s %8.2f %8.2f %8.2f%n", label, 100 * c.recall(), 100 * c.precision(), 100 * c.f1());
    }
}
