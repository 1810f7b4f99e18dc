package dev.referent.bench;

import dev.referent.eval.io.DataPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./referent bench}: Stanford CoreNLP's four coreference systems and Referent on the same documents in one run;
 * writes the comparison section of docs/BENCHMARKS.md and a chart. See {@link #USAGE}.
 */
public final class BenchMain {

    static final List<String> ALL_SYSTEMS = java.util.stream.Stream.concat(java.util.stream.Stream.of(ReferentSystem.NAME),
            Arrays.stream(CoreNlpSystem.Kind.values()).map(CoreNlpSystem.Kind::systemName)).toList();

    static final String USAGE = """
            usage: ./referent bench [--smoke] [--systems S1,S2,...] [--data-dir DIR] [--threads 2] [--heap 3g]
                                    [--split test] [--gap-split validation] [--speed-docs 8] [--rounds 2]
                                    [--out DIR] [--report FILE] [--chart FILE]
              --smoke   one short OntoGUM document, 4 GAP examples, one speed round over one news document; writes
                        under referent-bench/target/bench-smoke and leaves docs/ alone
              --replot  draw the chart again from OUT/results.tsv of the last run, running nothing
              systems:  referent, corenlp-statistical, corenlp-fastneural, corenlp-dcoref, corenlp-neural (default: all)
            """;

    private BenchMain() {
    }

    /** The run's settings, from the command line. */
    static final class Options {
        List<String> systems = ALL_SYSTEMS;
        Path dataDir = DataPaths.dataDir();
        int threads = 2;
        String heap = "3g";
        String split = "test";
        String gapSplit = "validation";
        int ontogumLimit = 0;
        int gapLimit = 0;
        int speedDocs = 8;
        int rounds = 2;
        boolean smoke;
        boolean replot;
        Path out = Path.of("referent-bench/target/bench");
        Path report = Path.of("docs/BENCHMARKS.md");
        Path chart = Path.of("docs/corenlp-comparison.svg");

        static Options parse(String[] args) {
            Options o = new Options();
            boolean outSet = false;
            boolean reportSet = false;
            boolean chartSet = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--smoke")) {
                    o.smoke = true;
                    continue;
                }
                if (a.equals("--replot")) {
                    o.replot = true;
                    continue;
                }
                if (a.equals("--help") || a.equals("-h")) {
                    throw new UsageException("");
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--systems" -> {
                        o.systems = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                        for (String s : o.systems) {
                            if (!ALL_SYSTEMS.contains(s)) {
                                throw new UsageException("unknown system '" + s + "'");
                            }
                        }
                    }
                    case "--data-dir" -> o.dataDir = Path.of(v).toAbsolutePath().normalize();
                    case "--threads" -> o.threads = positive(a, v);
                    case "--heap" -> o.heap = v;
                    case "--split" -> o.split = v;
                    case "--gap-split" -> o.gapSplit = v;
                    case "--speed-docs" -> o.speedDocs = positive(a, v);
                    case "--rounds" -> o.rounds = positive(a, v);
                    case "--out" -> { o.out = Path.of(v); outSet = true; }
                    case "--report" -> { o.report = Path.of(v); reportSet = true; }
                    case "--chart" -> { o.chart = Path.of(v); chartSet = true; }
                    default -> throw new UsageException("unknown option " + a);
                }
            }
            if (o.smoke) {
                o.ontogumLimit = 1;
                o.gapLimit = 4;
                o.speedDocs = 1;
                o.rounds = 1;
                if (!outSet) {
                    o.out = Path.of("referent-bench/target/bench-smoke");
                }
                if (!reportSet) {
                    o.report = o.out.resolve("BENCHMARKS.md");
                }
                if (!chartSet) {
                    o.chart = o.out.resolve("corenlp-comparison.svg");
                }
            }
            return o;
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new UsageException(option + " needs a positive whole number, not '" + value + "'");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("referent-bench: " + e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        try {
            if (options.replot) {
                List<SystemResult> results = SystemResult.read(options.out.resolve("results.tsv"));
                Files.writeString(options.chart, Chart.svg(results, chartTitle(options)));
                System.err.println("referent-bench: " + options.chart + " drawn from " + options.out.resolve("results.tsv"));
                return;
            }
            run(options, String.join(" ", args));
        } catch (IOException | RuntimeException e) {
            System.err.println("referent-bench: " + e.getMessage());
            System.exit(1);
        }
    }

    static List<SystemResult> run(Options o, String arguments) throws IOException {
        long start = System.nanoTime();
        Path logs = o.out.resolve("logs");
        Path predictions = o.out.resolve("predictions");
        Files.createDirectories(logs);
        Files.createDirectories(predictions);
        if (!Files.isDirectory(o.dataDir.resolve("ontogum"))) {
            throw new IOException("no corpora in " + o.dataDir + " (expected ontogum/ and gap/; --data-dir DIR)");
        }
        int newsDocs = BenchWorker.newsFiles(o.dataDir).size();
        if (newsDocs < o.speedDocs) {
            throw new IOException("--speed-docs " + o.speedDocs + ": only " + newsDocs + " OntoGUM news documents in "
                    + o.dataDir);
        }
        List<SystemResult> results = new ArrayList<>();
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            // accuracy, one system at a time so that nothing else competes for the cores while it loads and runs
            for (String system : o.systems) {
                SystemResult r = new SystemResult(system);
                WorkerProcess w = new WorkerProcess(system, o.threads, o.heap, o.dataDir, logs.resolve(system + ".log"));
                workers.add(w);
                results.add(r);
                say(start, system + ": loading");
                r.load.putAll(w.call("load"));
                say(start, String.format(Locale.ROOT, "%s: loaded in %.1f s; OntoGUM %s", system, r.load.get("load_s"), o.split));
                r.ontogum.putAll(w.call("ontogum " + o.split + " " + o.ontogumLimit + " "
                        + predictions.resolve(system + "-ontogum-" + o.split + ".conll").toAbsolutePath()));
                say(start, String.format(Locale.ROOT, "%s: CoNLL-F1 %.2f (%.0f s); GAP %s", system, r.ontogum.get("conll"),
                        r.ontogum.get("seconds"), o.gapSplit));
                if (r.ontogum.get("mentions_r") == 0) {
                    // every system finds chains in any news article; none at all means its output was not read
                    throw new IOException(system + ": no coreference chains in " + r.ontogum.get("docs").intValue()
                            + " OntoGUM documents (see " + logs.resolve(system + ".log") + ")");
                }
                r.gap.putAll(w.call("gap " + o.gapSplit + " " + o.gapLimit));
                say(start, String.format(Locale.ROOT, "%s: GAP F1 %.2f (%.0f s)", system, r.gap.get("f1"), r.gap.get("seconds")));
            }
            // speed: the systems take turns within each round, the first one rotating from round to round
            for (int round = 0; round < o.rounds; round++) {
                for (int k = 0; k < workers.size(); k++) {
                    int i = (k + round) % workers.size();
                    Map<String, Double> timing = workers.get(i).call("speed " + o.speedDocs);
                    results.get(i).speedRounds.add(timing);
                    say(start, String.format(Locale.ROOT, "%s: round %d: %.0f words/s", workers.get(i).system(), round + 1,
                            timing.get("words") / timing.get("seconds")));
                }
            }
            for (int i = 0; i < workers.size(); i++) {
                results.get(i).memory.putAll(workers.get(i).call("memory"));
            }
        } finally {
            for (WorkerProcess w : workers) {
                w.close();
            }
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        SystemResult.write(o.out.resolve("results.tsv"), results);
        Path chart = o.chart.toAbsolutePath();
        Files.createDirectories(chart.getParent());
        Files.writeString(chart, Chart.svg(results, chartTitle(o)));
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
        Path report = o.report.toAbsolutePath();
        String chartLink = report.getParent().relativize(chart).toString();
        Report.Run run = new Report.Run(LocalDate.now().toString(),
                ("./referent bench " + arguments).strip(), machine, o.split, o.gapSplit, o.threads, o.heap,
                o.speedDocs, o.rounds, minutes, chartLink, predictions.toString());
        Files.createDirectories(report.getParent());
        Report.writeInto(report, Report.markdown(run, results));
        say(start, String.format(Locale.ROOT, "done in %.1f minutes: %s, %s, %s", minutes, report, chart,
                o.out.resolve("results.tsv")));
        return results;
    }

    private static String chartTitle(Options o) {
        return "Coreference on OntoGUM " + o.split + ": accuracy against speed";
    }

    private static void say(long start, String message) {
        System.err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
    }
}
