package dev.referent.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.referent.doc.Document;
import dev.referent.doc.Token;
import dev.referent.eval.io.ConlluReader;
import dev.referent.eval.io.DataPaths;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #21, item 3: would grouping the windows of several documents into one encoder call be faster? Encodes the
 * first window of each OntoGUM news document (news articles are one window long as often as not) two ways on one
 * ONNX Runtime thread: each document alone, and two documents at a time in one call, the shorter padded to the
 * longer with its attention mask at 0. Prints the time of both over all pairs, three rounds after a warm-up.
 *
 * <pre>
 *   EncoderBatchingProbe [ENCODER] [DATA_DIR]      (default all-minilm-l6-v2-q, ../shared/data)
 * </pre>
 */
public final class EncoderBatchingProbe {

    private EncoderBatchingProbe() {
    }

    public static void main(String[] args) throws Exception {
        EncoderSpec spec = EncoderSpec.byName(args.length > 0 ? args[0] : "all-minilm-l6-v2-q");
        java.nio.file.Path data = args.length > 1 ? java.nio.file.Path.of(args[1]) : DataPaths.dataDir();
        List<long[]> windows = new ArrayList<>();
        long[] specials;
        try (WordEncoder encoder = WordEncoder.load(spec)) {
            specials = encoder.specialIds();
            for (String split : List.of("train", "dev", "test")) {
                for (Document d : DataPaths.readOntogumSplit(data, split, new ConlluReader())) {
                    if (!DataPaths.isNews(d.id())) {
                        continue;
                    }
                    List<String> words = d.tokens().stream().map(Token::text).toList();
                    long[] ids = encoder.tokenize(words).ids();
                    windows.add(java.util.Arrays.copyOf(ids, Math.min(ids.length, spec.maxPieces() - 2)));
                }
            }
        }
        if (windows.size() % 2 == 1) {
            windows.remove(windows.size() - 1);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(WordEncoder.graph(spec), options)) {
                boolean tokenTypes = session.getInputNames().contains("token_type_ids");
                long pieces = windows.stream().mapToLong(w -> w.length).sum();
                System.out.printf(Locale.ROOT, "%s: %d news windows, %d pieces (%d to %d a window), 1 thread%n",
                        spec.name(), windows.size(), pieces, windows.stream().mapToInt(w -> w.length).min().orElse(0),
                        windows.stream().mapToInt(w -> w.length).max().orElse(0));
                for (int round = 0; round <= 3; round++) {
                    long t0 = System.nanoTime();
                    for (long[] w : windows) {
                        run(env, session, tokenTypes, specials, List.of(w));
                    }
                    long alone = System.nanoTime() - t0;
                    long t1 = System.nanoTime();
                    for (int i = 0; i < windows.size(); i += 2) {
                        run(env, session, tokenTypes, specials, List.of(windows.get(i), windows.get(i + 1)));
                    }
                    long paired = System.nanoTime() - t1;
                    System.out.printf(Locale.ROOT, "%s: one document a call %.2f s, two a call %.2f s (%.2fx)%n",
                            round == 0 ? "warm-up" : "round " + round, alone / 1e9, paired / 1e9,
                            (double) alone / paired);
                }
            }
        }
    }

    /** One call over {@code windows}, each with [CLS] and [SEP], padded to the longest. */
    private static void run(OrtEnvironment env, OrtSession session, boolean tokenTypes, long[] specials,
                            List<long[]> windows) throws OrtException {
        int seq = windows.stream().mapToInt(w -> w.length).max().orElse(0) + 2;
        int n = windows.size();
        long[] ids = new long[n * seq];
        long[] mask = new long[n * seq];
        for (int i = 0; i < n; i++) {
            long[] w = windows.get(i);
            ids[i * seq] = specials[0]; // [CLS]
            System.arraycopy(w, 0, ids, i * seq + 1, w.length);
            ids[i * seq + w.length + 1] = specials[1]; // [SEP]
            java.util.Arrays.fill(mask, i * seq, i * seq + w.length + 2, 1L);
        }
        long[] shape = {n, seq};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (tokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * seq]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                result.get(0);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
