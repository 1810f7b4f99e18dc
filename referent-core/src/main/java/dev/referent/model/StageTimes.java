package dev.referent.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where a prediction's time goes, stage by stage, summed over the documents it is handed to (the profile of issue
 * "Speed": {@code ./referent eval --stages}). Not thread-safe: one per thread, added up by the caller.
 */
public final class StageTimes {

    /** The stages of one document, in the order they run. */
    public enum Stage {
        TEXT("text: tokens, sentences, quotes"),
        PIECES("wordpiece tokenizer"),
        ENCODER("encoder (ONNX Runtime)"),
        WORD_HEAD("word head: layer mix, pooling, projection, POS, syntax"),
        CONTEXT("word-level LSTMs"),
        COARSE("coarse scorer (top k)"),
        PAIRS("fine pair scorer"),
        DECODE("decoding and span predictor"),
        REWRITE("representatives and rewriting");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final long[] nanos = new long[Stage.values().length];

    public void add(Stage stage, long elapsedNanos) {
        nanos[stage.ordinal()] += elapsedNanos;
    }

    public long nanos(Stage stage) {
        return nanos[stage.ordinal()];
    }

    public long totalNanos() {
        long sum = 0;
        for (long v : nanos) {
            sum += v;
        }
        return sum;
    }

    public void addAll(StageTimes other) {
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] += other.nanos[i];
        }
    }

    public Map<Stage, Long> asMap() {
        Map<Stage, Long> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            out.put(s, nanos[s.ordinal()]);
        }
        return out;
    }
}
