package dev.referent.model.heads;

import dev.referent.doc.Document;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime heads on tiny hand-made tensors. */
class HeadsTest {

    private static Weights.Tensor t(int[] shape, float... data) {
        return new Weights.Tensor(shape, data);
    }

    @Test
    void linearComputesWxPlusB() {
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("l.weight", t(new int[] {2, 3}, 1, 2, 3, 4, 5, 6));
        m.put("l.bias", t(new int[] {2}, 0.5f, -1));
        Linear l = new Linear(new Weights(m), "l");
        assertArrayEquals(new float[] {1 + 4 + 9 + 0.5f, 4 + 10 + 18 - 1}, l.apply(new float[] {1, 2, 3}, 1), 1e-6f);
    }

    @Test
    void accumulateRowsEqualsOneRowAtATime() {
        // 6 inputs: one group of four and two left over; zeros in whole groups and single places
        float[] weight = new float[5 * 6];
        for (int k = 0; k < weight.length; k++) {
            weight[k] = (k * 7 % 11) - 5;
        }
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("l.weight", t(new int[] {5, 6}, weight));
        Linear l = new Linear(new Weights(m), "l");
        float[] x = {1, -2, 0, 3, 0.5f, 0, 0, 0, 0, 0, 2, 0, 0.25f, 1, 1, -1, 0, 4};
        float[] rows = new float[3 * 5];
        float[] one = new float[3 * 5];
        java.util.Arrays.fill(rows, 1f);
        java.util.Arrays.fill(one, 1f);
        l.accumulateRows(x, 3, rows);
        for (int r = 0; r < 3; r++) {
            l.accumulate(x, r * 6, one, r * 5);
        }
        assertArrayEquals(one, rows, 1e-5f);
    }

    @Test
    void weightsRoundTripThroughTheBinaryFormat() throws IOException {
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("a", t(new int[] {2, 2}, 1, -2, 3.5f, 4));
        m.put("b.bias", t(new int[] {1}, 7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Weights(m).write(out);
        Weights back = Weights.read(new ByteArrayInputStream(out.toByteArray()), "test");
        assertArrayEquals(m.get("a").data(), back.get("a", 2).data());
        assertArrayEquals(new int[] {2, 2}, back.get("a", 2).shape());
        assertThrows(IllegalArgumentException.class, () -> back.get("a", 1));
        assertThrows(IOException.class, () -> Weights.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), "bad"));
    }

    @Test
    void wordHeadPoolsPiecesWithAttention() {
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("word.att.weight", t(new int[] {1, 2}, 1, 0)); // attends to the first component
        m.put("word.att.bias", t(new int[] {1}, 0));
        m.put("word.proj1.weight", t(new int[] {2, 2}, 1, 0, 0, 1));
        m.put("word.proj2.weight", t(new int[] {2, 2}, 1, 0, 0, 1));
        WordHead head = new WordHead(new Weights(m));
        // word 0 = pieces 0,1 ; word 1 = piece 2
        WordEncoder.Encoded enc = new WordEncoder.Encoded(new float[] {0, 1, (float) Math.log(3), 5, 2, 2}, 3, 2,
                new int[] {0, 2}, new int[] {2, 3});
        WordHead.Words w = head.apply(enc);
        // softmax(0, ln 3) = (1/4, 3/4): x0 = 1/4 * (0,1) + 3/4 * (ln3, 5)
        assertEquals(0.75f * (float) Math.log(3), w.x()[0], 1e-5);
        assertEquals(0.25f + 3.75f, w.x()[1], 1e-5);
        assertArrayEquals(new float[] {2, 2}, new float[] {w.u()[2], w.u()[3]}, 1e-6f);
    }

    @Test
    void topKPrefersHigherScoresThenNearerWords() {
        float[] scores = {0.5f, 2f, 2f, -1f, 9f};
        assertArrayEquals(new int[] {2, 1}, RoughScorer.selectTop(scores, 4, 2));
        assertArrayEquals(new int[] {4, 2, 1}, RoughScorer.selectTop(scores, 5, 3));
        assertEquals(0, RoughScorer.selectTop(scores, 0, 0).length);
    }

    @Test
    void spanPredictorKeepsTheHeadInsideItsSentence() {
        Document doc = new TextAnalyzer().analyze("d", "The old man left. He slept.");
        int d = 2;
        int s = 2;
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("span.p.weight", t(new int[] {s, d}, 0, 0, 0, 0));
        m.put("span.p.bias", t(new int[] {s}, 0, 0));
        m.put("span.q.weight", t(new int[] {s, d}, 1, 0, 0, 1));
        float[] dist = new float[5 * s];
        m.put("span.dist", t(new int[] {5, s}, dist));
        m.put("span.out.weight", t(new int[] {2, s}, 1, 0, 0, 1));
        m.put("span.out.bias", t(new int[] {2}, 0, 0));
        SpanPredictor predictor = new SpanPredictor(new Weights(m));
        // u: component 0 = start score, component 1 = end score, per token
        float[] u = new float[doc.size() * d];
        u[0] = 5;      // "The" is the best start
        u[2 * d + 1] = 5; // "man" the best end
        u[5 * d + 1] = 9; // "He" (next sentence) must not be chosen as end
        assertArrayEquals(new int[] {0, 3}, predictor.span(doc, u, d, 2, predictor.project(u, doc.size(), d)));
        assertEquals(4, SpanPredictor.distanceRow(9, 0, 2)); // clipped to +2, shifted by 2
        assertEquals(0, SpanPredictor.distanceRow(0, 9, 2));
    }

    @Test
    void syntaxPairFeaturesEncodeRolesCoArgumentsTypesAndGender() {
        // "Senators said they thanked him ." : Senators (0) nsubj of said (1); they (2) nsubj and him (4) obj of
        // thanked (3), which is said's ccomp
        Document doc = new TextAnalyzer().analyze("d", "Senators said they thanked him.");
        java.util.Map<String, String[]> attributes = new java.util.LinkedHashMap<>();
        attributes.put("Number", new String[] {"Plur", "_", "Plur", "_", "Sing", "_"});
        attributes.put("Entity", new String[] {"person", "_", "person", "_", "person", "_"});
        attributes.put("Gender", new String[] {"_", "_", "_", "_", "Masc", "_"});
        SyntaxHead.Analysis tree = new SyntaxHead.Analysis(new int[] {1, -1, 3, 1, 3, 1},
                new String[] {"nsubj", "root", "nsubj", "ccomp", "obj", "punct"}, attributes);
        PairwiseFeatures plain = new PairwiseFeatures(doc, null);
        PairwiseFeatures f = new PairwiseFeatures(doc, null, tree);
        assertEquals(PairwiseFeatures.SIZE, plain.size());
        assertEquals(PairwiseFeatures.SIZE + PairwiseFeatures.SYNTAX_SIZE, f.size());
        int s = PairwiseFeatures.SIZE;
        float[] out = new float[f.size()];
        f.fill(4, 2, out, 0); // him -> they: co-arguments of "thanked"
        assertEquals(1f, out[s + 1]); // him is an object
        assertEquals(1f, out[s + 5]); // they is a subject
        assertEquals(1f, out[s + 11]); // co-arguments
        assertEquals(1f, out[s + 15]); // number disagrees
        assertEquals(1f, out[s + 21]); // him is masculine
        assertEquals(0f, out[s + 12]);
        f.fill(2, 0, out, 0); // they -> Senators: the subject of the verb its clause depends on, both subjects
        assertEquals(1f, out[s + 10]); // the same role
        assertEquals(1f, out[s + 12]);
        assertEquals(1f, out[s + 14]); // number agrees
        assertEquals(1f, out[s + 16]); // Senators typed a person
        assertEquals(1f, out[s + 19]); // they typed a person
        assertEquals(0f, out[s + 11]);
        float[] base = new float[PairwiseFeatures.SIZE];
        plain.fill(2, 0, base, 0);
        assertArrayEquals(base, java.util.Arrays.copyOf(out, PairwiseFeatures.SIZE)); // the base features unchanged

        // the other features: expletives, types other than person, neuter, the same head outside arguments
        java.util.Map<String, String[]> other = new java.util.LinkedHashMap<>();
        other.put("Number", new String[] {"_", "_", "_", "_", "_", "_"});
        other.put("Entity", new String[] {"animal", "_", "object", "_", "_", "_"});
        other.put("Gender", new String[] {"_", "_", "Neut", "_", "Fem", "_"});
        PairwiseFeatures g = new PairwiseFeatures(doc, null, new SyntaxHead.Analysis(new int[] {1, -1, 3, 1, 3, 1},
                new String[] {"expl", "root", "expl", "ccomp", "obj", "punct"}, other));
        java.util.Arrays.fill(out, 0f);
        g.fill(2, 0, out, 0);
        assertEquals(1f, out[s + 18]); // the candidate an animal
        assertEquals(1f, out[s + 20]); // the anaphor typed as no person
        assertEquals(1f, out[s + 23]); // neuter
        assertEquals(1f, out[s + 24]); // the anaphor an expletive
        assertEquals(1f, out[s + 25]); // the candidate an expletive
        g.fill(3, 0, out, 0); // thanked and Senators: the same head, "expl" and "ccomp" are no co-arguments
        assertEquals(1f, out[s + 13]);
        assertEquals(0f, out[s + 11]);
        g.fill(4, 2, out, 0);
        assertEquals(1f, out[s + 22]); // feminine
        assertEquals(1f, out[s + 17]); // the candidate typed as no person
    }

    @Test
    void pairFeaturesEncodeDistanceAgreementAndQuotes() {
        Document doc = new TextAnalyzer().analyze("d", "Mary said \"she will go\" and the boys said they agreed.");
        PairwiseFeatures f = new PairwiseFeatures(doc, null);
        float[] out = new float[PairwiseFeatures.SIZE];
        int she = doc.tokenAt(doc.text().indexOf("she"));
        int mary = 0;
        f.fill(she, mary, out, 0);
        assertEquals(3, she - mary);
        assertEquals(1f, out[2]); // distance 3 -> third bucket
        assertEquals(1f, out[10]); // same sentence
        assertEquals(1f, out[16]); // the pronoun is inside a quote
        assertEquals(0f, out[17]);
        int they = doc.tokenAt(doc.text().indexOf("they"));
        f.fill(they, she, out, 0);
        assertEquals(1f, out[23]); // number disagreement: they vs she
        assertEquals(1f, out[26]); // same person
        assertTrue(out[15] == 0f);
    }

    @Test
    void distanceBucketsAndCoarseCues() {
        int[][] expected = {{1, 0}, {2, 1}, {3, 2}, {4, 3}, {5, 4}, {7, 4}, {8, 5}, {15, 5}, {16, 6}, {31, 6}, {32, 7},
                {63, 7}, {64, 8}, {127, 8}, {128, 9}, {100_000, 9}};
        for (int[] e : expected) {
            assertEquals(e[1], PairwiseFeatures.distanceBucket(e[0]), "distance " + e[0]);
        }
        Document doc = new TextAnalyzer().analyze("d", "The Senate met. The senate voted, and she said it would.");
        PairwiseFeatures f = new PairwiseFeatures(doc, null);
        int second = doc.tokenAt(doc.text().indexOf("senate"));
        int she = doc.tokenAt(doc.text().indexOf("she"));
        int it = doc.tokenAt(doc.text().indexOf("it "));
        assertEquals(PairwiseFeatures.distanceBucket(second - 1) * 16 + 1, f.roughCategory(second, 1), "same word, any case");
        assertEquals(PairwiseFeatures.distanceBucket(she - 1) * 16 + 8, f.roughCategory(she, 1), "pronoun, capitalised candidate");
        assertEquals(PairwiseFeatures.distanceBucket(it - she) * 16 + 4, f.roughCategory(it, she), "pronouns that disagree");
    }
}
