package dev.referent.bench;

import dev.referent.doc.Document;
import dev.referent.eval.io.ConlluReader;
import dev.referent.eval.io.DataPaths;
import dev.referent.eval.io.GapExample;
import dev.referent.eval.io.GapReader;
import dev.referent.eval.score.CorefScorer;
import dev.referent.eval.score.GapScorer;
import dev.referent.eval.score.Metric;
import dev.referent.format.ConllWriter;
import dev.referent.text.TextAnalyzer;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One system in its own JVM, driven by {@link BenchMain} over standard input, one command a line; each answer is one
 * line {@code ok key=value ...} or {@code error reason} on the original standard output (everything the systems
 * print goes to standard error, which the bench keeps as a log). Commands:
 * <ul>
 *   <li>{@code load}: builds the system and resolves a one-sentence document (load time = time to a first result)</li>
 *   <li>{@code ontogum SPLIT LIMIT PREDICTIONS}: predicts the split (LIMIT &gt; 0: its LIMIT shortest documents),
 *       writes the predictions as CoNLL and answers the CoNLL scores, also for the news documents</li>
 *   <li>{@code gap SPLIT LIMIT}: GAP F1 (LIMIT &gt; 0: the first LIMIT examples)</li>
 *   <li>{@code speed N}: one timed pass over the first N OntoGUM news documents by name</li>
 *   <li>{@code memory}: peak heap use (see {@link HeapPeak}) and peak resident set size so far, and the heap still in use after a full collection</li>
 *   <li>{@code quit}</li>
 * </ul>
 * Usage: {@code BenchWorker SYSTEM THREADS}; the corpora come from {@link DataPaths#dataDir()}.
 */
public final class BenchWorker {

    private final String systemName;
    private final int threads;
    private final Path dataDir = DataPaths.dataDir();
    private final TextAnalyzer analyzer = new TextAnalyzer();
    private CorefSystem system;
    private List<Document> news;

    private BenchWorker(String systemName, int threads) {
        this.systemName = systemName;
        this.threads = threads;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BenchWorker SYSTEM THREADS");
        }
        HeapPeak.watch();
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BenchWorker worker = new BenchWorker(args[0], Integer.parseInt(args[1]));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.strip().split("\\s+");
            if (words[0].equals("quit")) {
                break;
            }
            try {
                answers.println("ok " + format(worker.run(words)));
            } catch (RuntimeException | IOException | Error e) {
                e.printStackTrace();
                answers.println("error " + (e + "").replace('\n', ' '));
            }
        }
        if (worker.system != null) {
            worker.system.close();
        }
    }

    private Map<String, Object> run(String[] command) throws IOException {
        return switch (command[0]) {
            case "load" -> load();
            case "ontogum" -> ontogum(command[1], Integer.parseInt(command[2]), Path.of(command[3]));
            case "gap" -> gap(command[1], Integer.parseInt(command[2]));
            case "speed" -> speed(Integer.parseInt(command[1]));
            case "memory" -> memory();
            default -> throw new IllegalArgumentException("unknown command '" + command[0] + "'");
        };
    }

    static CorefSystem create(String name, int threads) {
        if (name.equals(ReferentSystem.NAME)) {
            return new ReferentSystem(threads);
        }
        return new CoreNlpSystem(CoreNlpSystem.Kind.bySystemName(name), threads);
    }

    private Map<String, Object> load() {
        long t0 = System.nanoTime();
        system = create(systemName, threads);
        system.predictAll(List.of(analyzer.analyze("warm-up", "The minister said she would resign.")));
        return Map.of("load_s", (System.nanoTime() - t0) / 1e9);
    }

    private Map<String, Object> ontogum(String split, int limit, Path predictions) throws IOException {
        List<Document> gold = DataPaths.readOntogumSplit(dataDir, split,
                new ConlluReader(true, w -> System.err.println("warning: " + w)));
        if (limit > 0) {
            gold = gold.stream().sorted(Comparator.comparingInt(Document::size)).limit(limit).toList();
        }
        List<Document> inputs = gold.stream().map(analyzer::prepareForPrediction).toList();
        long t0 = System.nanoTime();
        List<Document> predicted = system.predictAll(inputs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.createDirectories(predictions.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(predictions)) {
            new ConllWriter().write(predicted, out);
        }
        CorefScorer scorer = new CorefScorer();
        CorefScorer.Report all = scorer.score(gold, predicted);
        List<Document> newsGold = gold.stream().filter(d -> DataPaths.isNews(d.id())).toList();
        List<Document> newsPredicted = predicted.stream().filter(d -> DataPaths.isNews(d.id())).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("docs", gold.size());
        out.put("words", gold.stream().mapToInt(Document::size).sum());
        out.put("seconds", seconds);
        out.put("conll", 100 * all.conllF1());
        for (Metric m : List.of(Metric.MUC, Metric.BCUBED, Metric.CEAFE, Metric.LEA)) {
            out.put(m.label().toLowerCase(Locale.ROOT), 100 * all.f1(m));
        }
        out.put("mentions_r", 100 * all.mentions().recall());
        out.put("mentions_p", 100 * all.mentions().precision());
        out.put("news_docs", newsGold.size());
        out.put("news_conll", newsGold.isEmpty() ? -1.0 : 100 * scorer.score(newsGold, newsPredicted).conllF1());
        return out;
    }

    private Map<String, Object> gap(String split, int limit) throws IOException {
        List<GapExample> examples = new GapReader().read(DataPaths.gap(dataDir, split));
        if (limit > 0 && limit < examples.size()) {
            examples = examples.subList(0, limit);
        }
        List<Document> inputs = examples.stream().map(ex -> analyzer.analyze(ex.id(), ex.text())).toList();
        long t0 = System.nanoTime();
        List<Document> predicted = system.predictAll(inputs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, GapScorer.Prediction> decisions = new HashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            decisions.put(examples.get(i).id(), GapScorer.Prediction.fromClusters(predicted.get(i), examples.get(i)));
        }
        GapScorer.Report r = new GapScorer().score(examples, decisions);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("examples", r.examples());
        out.put("words", inputs.stream().mapToInt(Document::size).sum());
        out.put("seconds", seconds);
        out.put("f1", 100 * r.overall().f1());
        out.put("masculine", 100 * r.masculine().f1());
        out.put("feminine", 100 * r.feminine().f1());
        out.put("bias", r.bias());
        return out;
    }

    /** The OntoGUM news documents (any split: they only time the systems), in name order. */
    static List<Path> newsFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("ontogum/coref/ontogum/conllu"))) {
            return files.filter(p -> DataPaths.isNews(p.getFileName().toString())).sorted().toList();
        }
    }

    private Map<String, Object> speed(int documents) throws IOException {
        if (news == null || news.size() != documents) {
            news = new ArrayList<>();
            for (Path file : newsFiles(dataDir).subList(0, documents)) {
                for (Document d : new ConlluReader(true, w -> { }).read(file)) {
                    news.add(analyzer.prepareForPrediction(d));
                }
            }
        }
        long t0 = System.nanoTime();
        system.predictAll(news);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return Map.of("docs", news.size(), "words", news.stream().mapToInt(Document::size).sum(), "seconds", seconds);
    }

    private static Map<String, Object> memory() throws IOException {
        long peakHeap = HeapPeak.bytes();
        long rssKb = -1;
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        // what the system keeps (models, caches) once garbage is gone: the peak also counts garbage the collector
        // had not needed to free yet, which grows with -Xmx
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        long live = runtime.totalMemory() - runtime.freeMemory();
        return Map.of("heap_mb", peakHeap / (1024 * 1024), "live_mb", live / (1024 * 1024),
                "rss_mb", rssKb < 0 ? -1 : rssKb / 1024);
    }

    private static String format(Map<String, Object> values) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            Object v = e.getValue();
            s.append(e.getKey()).append('=').append(v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v);
        }
        return s.toString();
    }
}
