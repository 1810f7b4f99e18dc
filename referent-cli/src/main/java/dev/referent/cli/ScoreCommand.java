package dev.referent.cli;

import dev.referent.doc.Document;
import dev.referent.eval.io.ConllReader;
import dev.referent.eval.score.CorefScorer;
import dev.referent.eval.score.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code referent score --key K --response R}: the CoNLL coreference metrics of a response against a key. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a CoNLL-2012 response against a key with MUC, B3, CEAFm, CEAFe, BLANC and LEA "
                + "(micro-averaged over documents, as the official scorer v8.01) and print the CoNLL-F1.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--key", required = true, paramLabel = "KEY.conll", description = "gold file")
    Path key;

    @Option(names = "--response", required = true, paramLabel = "RESPONSE.conll", description = "system file")
    Path response;

    @Option(names = "--lenient", description = "drop mentions with unbalanced brackets (with a warning) instead of failing")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Document> keyDocs = read(key);
        List<Document> responseDocs = read(response);
        Set<String> keyIds = new HashSet<>();
        keyDocs.forEach(d -> keyIds.add(d.id()));
        long unmatched = responseDocs.stream().filter(d -> !keyIds.contains(d.id())).count();
        if (unmatched > 0) {
            System.err.println("referent: " + unmatched + " response document(s) have no key document and are ignored");
        }
        CorefScorer.Report report = new CorefScorer().score(keyDocs, responseDocs);
        out.print(format(report));
        return 0;
    }

    private List<Document> read(Path file) throws IOException {
        CliFiles.requireReadableFile(file);
        return new ConllReader(lenient, w -> System.err.println("referent: warning: " + w)).read(file);
    }

    /** Percent truncated (not rounded) to two decimals, as the reference scorer prints it. */
    private static double pct(double value) {
        return Math.floor(value * 10000 + 1e-9) / 100;
    }

    static String format(CorefScorer.Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s%n", "metric", "R", "P", "F1"));
        sb.append(String.format(Locale.ROOT, "%-10s %8.2f %8.2f %8.2f%n", "mentions", pct(report.mentions().recall()),
                pct(report.mentions().precision()), pct(report.mentions().f1())));
        for (Metric m : Metric.values()) {
            sb.append(String.format(Locale.ROOT, "%-10s %8.2f %8.2f %8.2f%n", m.label(), pct(report.recall(m)),
                    pct(report.precision(m)), pct(report.f1(m))));
        }
        sb.append(String.format(Locale.ROOT, "documents %d%n", report.documents()));
        sb.append(String.format(Locale.ROOT, "CoNLL-F1 %.2f%n", pct(report.conllF1())));
        return sb.toString();
    }
}
