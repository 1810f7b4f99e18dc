package dev.referent.train;

import dev.referent.doc.Document;
import dev.referent.model.heads.PairwiseFeatures;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gold targets of the coreference losses on a five-word document worked out by hand. */
class GoldAntecedentsTest {

    // words: 0 Anna 1 met 2 Ben 3 she 4 smiled; Anna and she corefer, Ben stands alone
    private static final Document DOC = new TextAnalyzer().analyze("d", "Anna met Ben she smiled");
    private static final int[] CLUSTER = {0, -1, 1, 0, -1};

    @Test
    void topKMarksTheCandidatesInTheWordsClusterAndTheDummyOtherwise() {
        int k = 2;
        // candidates: each word's two previous words, where there are any
        int[][] idx = {{0, 0}, {0, 0}, {1, 0}, {2, 1}, {3, 2}};
        boolean[][] valid = {{false, false}, {true, false}, {true, true}, {true, true}, {true, true}};
        GoldAntecedents.TopK t = GoldAntecedents.topK(5, CLUSTER, idx, valid, k, new PairwiseFeatures(DOC, null));
        // rows of k + 1: dummy, candidate 0, candidate 1
        assertArrayEquals(new float[] {
                1, 0, 0,
                1, 0, 0,
                1, 0, 0, // Ben's cluster has no earlier member
                1, 0, 0, // "she": Anna is not among its two candidates (Ben, met)
                1, 0, 0}, t.gold());
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, t.validMask());
        assertArrayEquals(new float[] {-1e9f, -1e9f, 0, -1e9f, 0, 0, 0, 0, 0, 0}, t.candidateMask());
        assertEquals(1, t.anaphors(), "'she' has a gold antecedent");
        assertEquals(0, t.anaphorsInTopK());

        int[][] wider = {{0, 0}, {0, 0}, {1, 0}, {0, 1}, {3, 2}};
        GoldAntecedents.TopK found = GoldAntecedents.topK(5, CLUSTER, wider, valid, k, new PairwiseFeatures(DOC, null));
        assertArrayEquals(new float[] {0, 1, 0}, java.util.Arrays.copyOfRange(found.gold(), 9, 12), "she -> Anna");
        assertEquals(1, found.anaphorsInTopK());
        // the valid pairs' features are filled in their slots, the empty slots stay 0
        float[] expected = new float[PairwiseFeatures.SIZE];
        new PairwiseFeatures(DOC, null).fill(3, 0, expected, 0);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(found.phi(), (3 * k) * PairwiseFeatures.SIZE,
                (3 * k + 1) * PairwiseFeatures.SIZE));
        assertArrayEquals(new float[PairwiseFeatures.SIZE], java.util.Arrays.copyOfRange(found.phi(), 0,
                PairwiseFeatures.SIZE));
    }

    @Test
    void allEarlierSeesEveryPreviousWord() {
        GoldAntecedents.AllEarlier t = GoldAntecedents.allEarlier(5, CLUSTER);
        int w = 6; // n + 1
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, java.util.Arrays.copyOfRange(t.valid(), 3 * w, 4 * w));
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(t.gold(), 3 * w, 4 * w));
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(t.gold(), 4 * w, 5 * w));
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(t.valid(), 0, w));
    }
}
