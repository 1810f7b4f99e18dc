package dev.referent.model.heads;

import dev.referent.doc.Document;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The heads' matrix products on ONNX Runtime ({@link HeadGraph}) compute what the Java
 * layers compute, on random weights: the Java layers stay the reference that training's parity tests tie to.
 */
class OnnxHeadsTest {

    private static float[] random(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian() * 0.3f;
        }
        return v;
    }

    private static void linear(Map<String, Weights.Tensor> m, Random r, String name, int out, int in, boolean bias) {
        m.put(name + ".weight", new Weights.Tensor(new int[] {out, in}, random(r, out * in)));
        if (bias) {
            m.put(name + ".bias", new Weights.Tensor(new int[] {out}, random(r, out)));
        }
    }

    @Test
    void pairScoresOnTheGraphEqualTheJavaLayers() {
        Random r = new Random(11);
        int d = 24;
        int h = 16;
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        linear(m, r, WeightNames.PAIR_ANAPHOR, h, d, true);
        linear(m, r, WeightNames.PAIR_ANTECEDENT, h, d, false);
        linear(m, r, WeightNames.PAIR_PRODUCT, h, d, false);
        linear(m, r, WeightNames.PAIR_FEATURES, h, PairwiseFeatures.SIZE, false);
        linear(m, r, WeightNames.PAIR_HIDDEN, 12, h, true);
        linear(m, r, WeightNames.PAIR_OUT, 1, 12, true);
        Weights w = new Weights(m);
        Document doc = new TextAnalyzer().analyze("d", "Maria Lopez met John Park in Lisbon. She said he was "
                + "the best engineer she had worked with, and he thanked her for it. They left together.");
        int n = doc.size();
        float[] u = random(r, n * d);
        PairwiseFeatures features = new PairwiseFeatures(doc, null);
        RoughScorer.Candidates candidates = new RoughScorer(roughWeights(r, d)).topK(u, n, d, 7, features);
        float[][] java = new AnaphoricityScorer(w).score(u, n, d, candidates, features);
        float[][] graph;
        try (AnaphoricityScorer onnx = new AnaphoricityScorer(w, true)) {
            graph = onnx.score(u, n, d, candidates, features);
        }
        int compared = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(java[i].length, graph[i].length);
            for (int k = 0; k < java[i].length; k++) {
                assertEquals(java[i][k], graph[i][k], 1e-4f * Math.max(1f, Math.abs(java[i][k])), "word " + i);
                compared++;
            }
        }
        assertEquals(true, compared > 100, "pairs compared: " + compared);
    }

    @Test
    void wordVectorsOnTheGraphEqualTheJavaLayers() {
        Random r = new Random(5);
        int layers = 2;
        int hidden = 20;
        int d = 8;
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("word.mix", new Weights.Tensor(new int[] {layers}, random(r, layers)));
        m.put("word.mix.scale", new Weights.Tensor(new int[] {1}, new float[] {1.2f}));
        linear(m, r, "word.att", 1, hidden, true);
        linear(m, r, "word.proj1", 12, hidden, true);
        linear(m, r, "word.proj2", d, 12, true);
        int h = d / 2;
        for (String dir : new String[] {"ctx.fwd", "ctx.bwd"}) {
            linear(m, r, dir + ".i2h", 4 * h, d, true);
            linear(m, r, dir + ".h2h", 4 * h, h, true);
        }
        Weights w = new Weights(m);
        int n = 2_500; // the LSTMs' input gates come in blocks of 1,024 words: three blocks, the state carried across
        int[] start = new int[n];
        int[] end = new int[n];
        int pieces = 0;
        for (int i = 0; i < n; i++) {
            start[i] = pieces;
            pieces += 1 + r.nextInt(3);
            end[i] = pieces;
        }
        WordEncoder.Encoded enc = new WordEncoder.Encoded(random(r, layers * pieces * hidden), layers, pieces, hidden,
                start, end);
        float[] java = new WordHead(w).apply(enc).u();
        float[] graph;
        try (WordHead onnx = new WordHead(w, true)) {
            graph = onnx.apply(enc).u();
        }
        assertEquals(java.length, graph.length);
        for (int i = 0; i < java.length; i++) {
            assertEquals(java[i], graph[i], 1e-4f * Math.max(1f, Math.abs(java[i])), "value " + i);
        }
    }

    @Test
    void coarseCandidatesOnTheGraphEqualTheJavaOnes() {
        Random r = new Random(3);
        int d = 16;
        int n = 700; // several blocks of the graph, and a distance bound inside the document
        float[] u = random(r, n * d);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n / 7; i++) {
            text.append("She met him there and left. ");
        }
        Document doc = new TextAnalyzer().analyze("d", text.toString());
        assertEquals(n, doc.size());
        PairwiseFeatures features = new PairwiseFeatures(doc, null);
        Weights w = roughWeights(r, d);
        for (int bound : new int[] {Integer.MAX_VALUE, 300}) {
            RoughScorer.Candidates java = new RoughScorer(w).topK(u, n, d, 20, bound, features);
            RoughScorer.Candidates graph;
            try (RoughScorer onnx = new RoughScorer(w, true)) {
                graph = onnx.topK(u, n, d, 20, bound, features);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(java.antecedents()[i].length, graph.antecedents()[i].length);
                for (int c = 0; c < java.antecedents()[i].length; c++) {
                    assertEquals(java.scores()[i][c], graph.scores()[i][c],
                            1e-4f * Math.max(1f, Math.abs(java.scores()[i][c])), "word " + i);
                }
                // the same candidates, up to the order of scores equal within rounding
                assertEquals(java.scores()[i].length == 0 ? -1 : java.antecedents()[i][0],
                        graph.scores()[i].length == 0 ? -1 : graph.antecedents()[i][0], "word " + i);
            }
        }
    }

    @Test
    void aMarginKeepsTheCandidatesNearTheBestCoarseScore() {
        RoughScorer.Candidates c = new RoughScorer.Candidates(new int[][] {{}, {0}, {1, 0}, {0, 2, 1}},
                new float[][] {{}, {3f}, {5f, -2f}, {4f, 1f, 0.5f}});
        RoughScorer.Candidates kept = c.withinMargin(3f);
        assertEquals(0, kept.antecedents()[0].length);
        assertEquals(1, kept.antecedents()[1].length);
        assertEquals(1, kept.antecedents()[2].length);            // -2 trails 5 by 7
        assertEquals(2, kept.antecedents()[3].length);            // 1 within 3 of 4, 0.5 not
        assertEquals(2, kept.antecedents()[3][1]);
        assertEquals(c, c.withinMargin(Float.POSITIVE_INFINITY)); // no margin: the same candidates
    }

    private static Weights roughWeights(Random r, int d) {
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        linear(m, r, WeightNames.ROUGH_BILINEAR, d, d, false);
        return new Weights(m);
    }
}
