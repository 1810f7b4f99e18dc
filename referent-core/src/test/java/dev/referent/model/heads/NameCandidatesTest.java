package dev.referent.model.heads;

import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Document-wide name matching ({@code candidates.names}) and the coarse scores of the candidates it adds. */
class NameCandidatesTest {

    private static final Set<String> NAME_WORDS = Set.of("John", "Kelly", "Mr.", "Mary", "Coron", "Busuanga",
            "Island", "Environmental", "Protection", "Agency", "EPA", "Department", "Defense", "DOD", "Anna");

    @Test
    void rulesMatchRepeatedNamesLastNamesAndAcronyms() {
        Document doc = new TextAnalyzer().analyze("d", "John Kelly came. Coron Island is far. "
                + "The Environmental Protection Agency and the Department of Defense met. Kelly sat. "
                + "Busuanga Island is near. John Kelly left. EPA staff and DOD staff ate. Mr. Kelly slept.");
        String[] xpos = tags(doc);
        int kelly = indexOf(doc, "Kelly", 0);
        int coron = indexOf(doc, "Island", 0);
        int agency = indexOf(doc, "Agency", 0);
        int defense = indexOf(doc, "Defense", 0);
        int lone = indexOf(doc, "Kelly", 1); // "Kelly sat."
        int busuanga = indexOf(doc, "Island", 1);
        int again = indexOf(doc, "Kelly", 2); // "John Kelly left."
        int john = indexOf(doc, "John", 1);
        int epa = indexOf(doc, "EPA", 0);
        int dod = indexOf(doc, "DOD", 0);
        int mr = indexOf(doc, "Kelly", 3); // "Mr. Kelly slept."

        int[][] exact = NameCandidates.of("exact").matches(doc, xpos, 50);
        assertArrayEquals(new int[] {kelly}, exact[again]);
        assertArrayEquals(new int[0], exact[lone]); // a last name is no exact match
        assertArrayEquals(new int[0], exact[john]); // only a name's head takes candidates
        assertArrayEquals(new int[0], exact[busuanga]);

        int[][] last = NameCandidates.of("last").matches(doc, xpos, 50);
        assertArrayEquals(new int[] {kelly}, last[lone]);
        assertArrayEquals(new int[] {again, kelly}, last[mr]); // the title is left out; nearest first
        assertArrayEquals(new int[0], last[busuanga]); // "Busuanga Island" does not end "Coron Island"

        int[][] heads = NameCandidates.of("heads").matches(doc, xpos, 50);
        assertArrayEquals(new int[] {coron}, heads[busuanga]);
        assertArrayEquals(new int[] {again, lone, kelly}, heads[mr]);

        int[][] words = NameCandidates.of("words").matches(doc, xpos, 50);
        assertArrayEquals(new int[] {indexOf(doc, "John", 0)}, words[john]);

        int[][] acronyms = NameCandidates.of("acronyms").matches(doc, xpos, 50);
        assertArrayEquals(new int[] {agency}, acronyms[epa]);
        assertArrayEquals(new int[] {defense}, acronyms[dod]); // "Department of Defense", the "of" counted
        assertArrayEquals(new int[0], acronyms[again]);

        // at most `limit`, the nearest
        assertArrayEquals(new int[] {again, lone}, NameCandidates.of("heads").matches(doc, xpos, 2)[mr]);
        assertTrue(NameCandidates.of("false").isEmpty());
        assertEquals(NameCandidates.DEFAULT_RULES, NameCandidates.of("true").rules());
        assertThrows(IllegalArgumentException.class, () -> NameCandidates.of("exact,surnames"));
    }

    /**
     * A name repeated far beyond the top k becomes a candidate, once, with the coarse score topK gives the same pair,
     * and each word's candidates stay best first.
     */
    @Test
    void aDistantRepeatedNameBecomesACandidateWithItsCoarseScore() {
        StringBuilder text = new StringBuilder("Anna Kelly arrived. ");
        for (int s = 0; s < 40; s++) {
            text.append("The dog sat on the mat. ");
        }
        text.append("Kelly left. Kelly slept.");
        Document doc = new TextAnalyzer().analyze("d", text.toString());
        String[] xpos = tags(doc);
        int n = doc.size();
        int first = indexOf(doc, "Kelly", 0);
        int second = indexOf(doc, "Kelly", 1);
        int third = indexOf(doc, "Kelly", 2);
        assertTrue(second - first > 200);

        Random r = new Random(11);
        int d = 6;
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put(WeightNames.ROUGH_BILINEAR + ".weight", new Weights.Tensor(new int[] {d, d}, random(r, d * d)));
        // a prior that prefers near words strongly, so the first "Kelly" is far outside the top k
        float[] prior = new float[PairwiseFeatures.ROUGH_CATEGORIES];
        for (int c = 0; c < prior.length; c++) {
            prior[c] = -5f * (c / 16) + 0.1f * (float) r.nextGaussian();
        }
        m.put(WeightNames.ROUGH_PRIOR, new Weights.Tensor(new int[] {prior.length}, prior));
        RoughScorer rough = new RoughScorer(new Weights(m));
        PairwiseFeatures features = new PairwiseFeatures(doc, xpos);
        float[] u = random(r, n * d);
        int k = 5;
        RoughScorer.Candidates top = rough.topK(u, n, d, k, features);
        assertFalse(contains(top.antecedents()[second], first), "the test needs the first Kelly outside the top k");

        int[][] extra = NameCandidates.of("last").matches(doc, xpos, k);
        assertArrayEquals(new int[] {first}, extra[second]);
        // a duplicated extra and one already among the candidates are added once, or not at all
        extra[third] = new int[] {second, first, first, top.antecedents()[third][0]};
        RoughScorer.Candidates more = rough.addCandidates(top, extra, u, d, features);

        RoughScorer.Candidates all = rough.topK(u, n, d, n, features); // every pair scored by topK
        for (int i = 0; i < n; i++) {
            int[] ants = more.antecedents()[i];
            List<Integer> expected = new ArrayList<>();
            for (int j : top.antecedents()[i]) {
                expected.add(j);
            }
            for (int j : extra[i]) {
                if (!expected.contains(j)) {
                    expected.add(j);
                }
            }
            assertEquals(expected.size(), ants.length, "word " + i);
            for (int c = 0; c < ants.length; c++) {
                assertTrue(expected.contains(ants[c]), "word " + i + ": unexpected candidate " + ants[c]);
                assertEquals(scoreOf(all, i, ants[c]), more.scores()[i][c], "word " + i + " candidate " + ants[c]);
                if (c > 0) {
                    float prev = more.scores()[i][c - 1];
                    float cur = more.scores()[i][c];
                    assertTrue(prev > cur || prev == cur && ants[c - 1] > ants[c], "word " + i + ": order at " + c);
                }
            }
        }
        assertTrue(contains(more.antecedents()[second], first));
        assertTrue(contains(more.antecedents()[third], first) && contains(more.antecedents()[third], second));
        assertEquals(k + 1, more.antecedents()[second].length);
        assertTrue(more.antecedents()[0].length == 0 && top.antecedents()[1] == more.antecedents()[1]);
        // the pair scored alone equals topK's score, bit for bit
        assertEquals(scoreOf(all, second, first), rough.score(u, d, second, new int[] {first}, features)[0]);
        assertThrows(IllegalArgumentException.class, () -> rough.score(u, d, first, new int[] {second}, features));
    }

    private static float scoreOf(RoughScorer.Candidates c, int i, int j) {
        int[] ants = c.antecedents()[i];
        for (int k = 0; k < ants.length; k++) {
            if (ants[k] == j) {
                return c.scores()[i][k];
            }
        }
        throw new AssertionError(j + " is no candidate of " + i);
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static float[] random(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static String[] tags(Document doc) {
        String[] xpos = new String[doc.size()];
        for (int i = 0; i < doc.size(); i++) {
            xpos[i] = NAME_WORDS.contains(doc.token(i).text()) ? "NNP" : "NN";
        }
        return xpos;
    }

    /** The index of the {@code k}-th (0-based) token spelled {@code text}. */
    private static int indexOf(Document doc, String text, int k) {
        for (int i = 0; i < doc.size(); i++) {
            if (doc.token(i).text().equals(text) && k-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no " + text);
    }
}
