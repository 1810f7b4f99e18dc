package dev.referent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the bench measured for one system; the maps hold a worker's answers (see {@link BenchWorker}). */
final class SystemResult {

    final String name;
    Map<String, Double> load = Map.of();
    Map<String, Double> ontogum = Map.of();
    Map<String, Double> gap = Map.of();
    final List<Map<String, Double>> speedRounds = new ArrayList<>();
    Map<String, Double> memory = Map.of();

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
}
