package dev.referent.cli;

import dev.referent.rewrite.RewriteSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The commands that run from their own modules, never from this jar: {@code spark} (Spark is provided by the
 * cluster), {@code train} (DJL + PyTorch) and {@code bench} (Stanford CoreNLP, GPL-3.0, 474 MB of models). The
 * {@code ./referent} script starts them with their module's classpath; here they exist so that {@code referent
 * --help} lists them and {@code referent X --help} prints their options without Spark, PyTorch or CoreNLP on the
 * classpath (the script sends {@code X --help} here). Their options mirror the modules' own parsers;
 * {@code ModuleCommandsTest} checks that the two stay in step.
 */
final class ModuleCommands {

    private ModuleCommands() {
    }

    /** Reached only through {@code java -jar referent.jar X ...}: says how to run X. */
    abstract static class Stub implements Callable<Integer> {

        abstract String how();

        @Override
        public Integer call() {
            throw new Main.UsageException(how());
        }
    }

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = {"Resolve a corpus on Apache Spark: CSV, JSON Lines or Parquet in; Parquet or JSON Lines out, "
                    + "with 'resolved' and 'error' columns (docs/SPARK.md).",
                    "Runs with Spark on the classpath: ./referent spark ... (local mode or --master URL) or "
                            + "spark-submit --class dev.referent.spark.ResolveJob referent-spark/target/referent-spark.jar ...",
                    "Exit status: 0 done, 2 usage or input error (bad option, missing input, existing output), "
                            + "1 the job failed (e.g. the model cannot load)."})
    static final class Spark extends Stub {
        @Option(names = "--input", required = true, paramLabel = "IN", description = "a .csv, .jsonl/.json/.ndjson or .parquet file or directory")
        String input;
        @Option(names = "--output", required = true, paramLabel = "OUT", description = "ends in .parquet: Parquet; otherwise JSON Lines (a directory of part files)")
        String output;
        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*])")
        String master;
        @Option(names = "--input-format", paramLabel = "FORMAT", description = "csv, jsonl or parquet (default: from the name)")
        String inputFormat;
        @Option(names = "--output-format", paramLabel = "FORMAT", description = "parquet or jsonl (default: from the name)")
        String outputFormat;
        @Option(names = "--id-col", paramLabel = "NAME", description = "id column (default: id)")
        String idCol;
        @Option(names = "--text-col", paramLabel = "NAME", description = "text column (default: text)")
        String textCol;
        @Option(names = "--author-col", paramLabel = "NAME", description = "author column (default: author)")
        String authorCol;
        @Option(names = "--keep-cols", split = ",", paramLabel = "NAMES", description = "columns copied to the output besides the id (default: all)")
        List<String> keepCols;
        @Option(names = "--clusters", description = "add each row's clusters and replacements (the JSON schema of resolve --format json, as structs)")
        boolean clusters;
        @Option(names = "--max-chars", paramLabel = "N", description = "longer texts are reported in 'error' (default 1,000,000)")
        long maxChars;
        @Option(names = "--replace", paramLabel = "MODE", description = RewriteSettings.REPLACE_HELP)
        String replace;
        @Option(names = "--representative", paramLabel = "HOW", description = RewriteSettings.REPRESENTATIVE_HELP)
        String representative;
        @Option(names = "--inside-quotes", description = RewriteSettings.INSIDE_QUOTES_HELP)
        boolean insideQuotes;
        @Option(names = "--reflexives", description = RewriteSettings.REFLEXIVES_HELP)
        boolean reflexives;
        @Option(names = "--min-confidence", paramLabel = "P", description = RewriteSettings.MIN_CONFIDENCE_HELP)
        String minConfidence;
        @Option(names = "--overwrite", description = "replace an existing OUT")
        boolean overwrite;
        @Option(names = "--verbose", description = "Spark's own INFO logging (default: warnings and errors only)")
        boolean verbose;

        @Override
        String how() {
            return "'spark' runs with Spark on the classpath, not from this jar: use ./referent spark ... or spark-submit "
                    + "(see docs/SPARK.md)";
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train the coreference heads of one experiment and write a model directory "
                    + "(config.properties, heads.bin, manifest.json).",
                    "Runs from module referent-train (DJL + PyTorch): ./referent train ..."})
    static final class Train extends Stub {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "experiments file, e.g. referent-train/experiments.ini")
        String config;
        @Option(names = "--experiment", paramLabel = "NAME", description = "experiment (section) of the file (default: default)")
        String experiment;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
        String out;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "corpora folder (default ../shared/data beside the project home)")
        String dataDir;
        @Option(names = "--cache", paramLabel = "DIR", description = "encoded-feature cache (default target/feature-cache in the project home)")
        String cache;
        @Option(names = "--threads", paramLabel = "N", description = "threads (default: all cores)")
        int threads;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a hyper-parameter (repeatable)")
        List<String> set;
        @Option(names = "--limit", paramLabel = "DOCS", description = "first DOCS documents only, for quick checks")
        int limit;

        @Override
        String how() {
            return "'train' runs from module referent-train (DJL + PyTorch), not from this jar: use ./referent train ...";
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Stanford CoreNLP's coreference systems and Referent side by side on the same tokens: "
                    + "accuracy, speed, memory, chart; rewrites its section of docs/BENCHMARKS.md.",
                    "Runs from module referent-bench (CoreNLP, GPL-3.0; built only with -Pbench): ./referent bench ..."})
    static final class Bench extends Stub {
        @Option(names = "--smoke", description = "one short OntoGUM document, 4 GAP examples, one speed round; leaves docs/ alone")
        boolean smoke;
        @Option(names = "--replot", description = "draw the chart again from OUT/results.tsv of the last run, running nothing")
        boolean replot;
        @Option(names = "--systems", split = ",", paramLabel = "S1,S2", description = "referent, corenlp-statistical, "
                + "corenlp-fastneural, corenlp-dcoref, corenlp-neural (default: all)")
        List<String> systems;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "corpora folder (default ../shared/data beside the project home)")
        String dataDir;
        @Option(names = "--threads", paramLabel = "N", description = "threads per system (default 2)")
        int threads;
        @Option(names = "--heap", paramLabel = "SIZE", description = "heap of each system's JVM (default 3g)")
        String heap;
        @Option(names = "--split", paramLabel = "SPLIT", description = "OntoGUM split (default test)")
        String split;
        @Option(names = "--gap-split", paramLabel = "SPLIT", description = "GAP split (default validation)")
        String gapSplit;
        @Option(names = "--speed-docs", paramLabel = "N", description = "news documents timed (default 8)")
        int speedDocs;
        @Option(names = "--rounds", paramLabel = "N", description = "speed rounds (default 2)")
        int rounds;
        @Option(names = "--out", paramLabel = "DIR", description = "results folder (default referent-bench/target/bench in the project home)")
        String out;
        @Option(names = "--report", paramLabel = "FILE", description = "report to rewrite (default docs/BENCHMARKS.md in the project home)")
        String report;
        @Option(names = "--chart", paramLabel = "FILE", description = "chart to draw (default docs/corenlp-comparison.svg in the project home)")
        String chart;

        @Override
        String how() {
            return "'bench' runs from module referent-bench (Stanford CoreNLP), not from this jar: use ./referent bench ...";
        }
    }
}
