package dev.referent.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the bench measured for one system; each group holds a worker's answers (see {@link BenchWorker}). Written to
 * and read back from {@code results.tsv} (system, group.key, value), which {@code --replot} draws again.
 */
final class SystemResult {

    final String name;
    final Map<String, Double> load = new LinkedHashMap<>();
    final Map<String, Double> ontogum = new LinkedHashMap<>();
    final Map<String, Double> gap = new LinkedHashMap<>();
    final List<Map<String, Double>> speedRounds = new ArrayList<>();
    final Map<String, Double> memory = new LinkedHashMap<>();

    SystemResult(String name) {
        this.name = name;
    }

    /** Words per second over all timed rounds together. */
    double wordsPerSecond() {
        double words = 0;
        double seconds = 0;
        for (Map<String, Double> round : speedRounds) {
            words += round.get("words");
            seconds += round.get("seconds");
        }
        return seconds == 0 ? 0 : words / seconds;
    }

    /** Words per second of each round, to show the noise between rounds. */
    List<Double> roundWordsPerSecond() {
        List<Double> rates = new ArrayList<>();
        for (Map<String, Double> round : speedRounds) {
            rates.add(round.get("words") / round.get("seconds"));
        }
        return rates;
    }

    double conllF1() {
        return ontogum.getOrDefault("conll", Double.NaN);
    }

    /** The group a results.tsv measure belongs to: load, ontogum, gap, memory or speedN (round N, from 1). */
    private Map<String, Double> group(String group) {
        return switch (group) {
            case "load" -> load;
            case "ontogum" -> ontogum;
            case "gap" -> gap;
            case "memory" -> memory;
            default -> {
                if (!group.startsWith("speed")) {
                    throw new IllegalArgumentException("unknown measure group '" + group + "'");
                }
                int round = Integer.parseInt(group.substring("speed".length())) - 1;
                while (speedRounds.size() <= round) {
                    speedRounds.add(new LinkedHashMap<>());
                }
                yield speedRounds.get(round);
            }
        };
    }

    static void write(Path file, List<SystemResult> results) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("system\tmeasure\tvalue");
            for (SystemResult r : results) {
                write(out, r.name, "load", r.load);
                write(out, r.name, "ontogum", r.ontogum);
                write(out, r.name, "gap", r.gap);
                for (int i = 0; i < r.speedRounds.size(); i++) {
                    write(out, r.name, "speed" + (i + 1), r.speedRounds.get(i));
                }
                out.printf(Locale.ROOT, "%s\twords_per_s\t%.1f%n", r.name, r.wordsPerSecond());
                write(out, r.name, "memory", r.memory);
            }
        }
    }

    private static void write(PrintWriter out, String system, String group, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            out.printf(Locale.ROOT, "%s\t%s.%s\t%s%n", system, group, e.getKey(), e.getValue());
        }
    }

    static List<SystemResult> read(Path file) throws IOException {
        Map<String, SystemResult> bySystem = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t");
            if (f.length != 3) {
                throw new IOException(file + ":" + (n + 1) + ": expected system, measure and value");
            }
            SystemResult r = bySystem.computeIfAbsent(f[0], SystemResult::new);
            int dot = f[1].indexOf('.');
            if (dot >= 0) { // the others, such as words_per_s, are derived
                r.group(f[1].substring(0, dot)).put(f[1].substring(dot + 1), Double.parseDouble(f[2]));
            }
        }
        return new ArrayList<>(bySystem.values());
    }
}
