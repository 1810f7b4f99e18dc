package dev.referent.bench;

import dev.referent.eval.io.DataPaths;
import dev.referent.eval.io.ProjectHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 * writes the comparison section of docs/BENCHMARKS.md and a chart. Options: {@link Options}.
 */
public final class BenchMain {

    static final List<String> ALL_SYSTEMS = java.util.stream.Stream.concat(java.util.stream.Stream.of(ReferentSystem.NAME),
            Arrays.stream(CoreNlpSystem.Kind.values()).map(CoreNlpSystem.Kind::systemName)).toList();

    private BenchMain() {
    }

    /** The run's settings, from the command line (picocli, as the referent command). */
    @Command(name = "referent bench", sortOptions = false, usageHelpWidth = 110,
            description = "Stanford CoreNLP's four coreference systems and Referent on the same documents in one run: "
                    + "accuracy, speed, memory; writes the comparison section of docs/BENCHMARKS.md and a chart.",
            footer = "systems: referent, corenlp-statistical, corenlp-fastneural, corenlp-dcoref, corenlp-neural "
                    + "(default: all)")
    static final class Options {
        @Option(names = "--smoke", description = "one short OntoGUM document, 4 GAP examples, one speed round over one "
                + "news document; writes under referent-bench/target/bench-smoke and leaves docs/ alone")
        boolean smoke;

        @Option(names = "--replot", description = "draw the chart again from OUT/results.tsv of the last run, running nothing")
        boolean replot;

        @Option(names = "--systems", split = ",", paramLabel = "S1,S2,...", hideParamSyntax = true,
                description = "systems to run (default: all)")
        List<String> systems = ALL_SYSTEMS;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "corpora (default: referent.data, REFERENT_DATA or "
                + "../shared/data beside the project home)")
        Path dataDir = DataPaths.dataDir();

        @Option(names = "--threads", paramLabel = "N", description = "threads per system (default: ${DEFAULT-VALUE})")
        int threads = 2;

        @Option(names = "--heap", paramLabel = "SIZE", description = "each worker's -Xmx (default: ${DEFAULT-VALUE})")
        String heap = "3g";

        @Option(names = "--split", paramLabel = "SPLIT", description = "OntoGUM split (default: ${DEFAULT-VALUE})")
        String split = "test";

        @Option(names = "--gap-split", paramLabel = "SPLIT", description = "GAP split (default: ${DEFAULT-VALUE})")
        String gapSplit = "validation";

        @Option(names = "--speed-docs", paramLabel = "N", description = "news documents of the speed runs (default: ${DEFAULT-VALUE})")
        int speedDocs = 8;

        @Option(names = "--rounds", paramLabel = "N", description = "speed rounds (default: ${DEFAULT-VALUE})")
        int rounds = 2;

        @Option(names = "--out", paramLabel = "DIR", description = "results, logs and predictions (default: "
                + "referent-bench/target/bench, with --smoke referent-bench/target/bench-smoke; default paths are in the "
                + "project home: -Dreferent.home, else the checkout holding the working directory)")
        Path out;

        @Option(names = "--report", paramLabel = "FILE", description = "the Markdown report whose section is rewritten "
                + "(default: docs/BENCHMARKS.md, with --smoke OUT/BENCHMARKS.md)")
        Path report;

        @Option(names = "--chart", paramLabel = "FILE", description = "the chart (default: docs/corenlp-comparison.svg, "
                + "with --smoke OUT/corenlp-comparison.svg)")
        Path chart;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        int ontogumLimit = 0;
        int gapLimit = 0;

        /** The options of {@code args}; a mistake, and a request for help (empty message), as {@link UsageException}. */
        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine cli = new CommandLine(o);
            try {
                cli.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new UsageException(e.getMessage());
            }
            if (cli.isUsageHelpRequested()) {
                throw new UsageException("");
            }
            o.systems = o.systems.stream().map(String::strip).filter(system -> !system.isEmpty()).toList();
            for (String system : o.systems) {
                if (!ALL_SYSTEMS.contains(system)) {
                    throw new UsageException("unknown system '" + system + "'");
                }
            }
            positive("--threads", o.threads);
            positive("--speed-docs", o.speedDocs);
            positive("--rounds", o.rounds);
            o.dataDir = o.dataDir.toAbsolutePath().normalize();
            if (o.smoke) {
                o.ontogumLimit = 1;
                o.gapLimit = 4;
                o.speedDocs = 1;
                o.rounds = 1;
            }
            if (o.out == null) {
                // the defaults are the checkout's own files, wherever the bench is started from
                o.out = ProjectHome.resolve(o.smoke ? "referent-bench/target/bench-smoke" : "referent-bench/target/bench");
            }
            if (o.report == null) {
                o.report = o.smoke ? o.out.resolve("BENCHMARKS.md") : ProjectHome.resolve("docs/BENCHMARKS.md");
            }
            if (o.chart == null) {
                o.chart = o.smoke ? o.out.resolve("corenlp-comparison.svg") : ProjectHome.resolve("docs/corenlp-comparison.svg");
            }
            return o;
        }

        private static void positive(String option, int value) {
            if (value <= 0) {
                throw new UsageException(option + " needs a positive whole number, not '" + value + "'");
            }
        }

        static String usage() {
            return new CommandLine(new Options()).getUsageMessage();
        }
    }

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

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
                System.err.print(Options.usage());
                System.exit(2);
            }
            System.out.print(Options.usage());
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
