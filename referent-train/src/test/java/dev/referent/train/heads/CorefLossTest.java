package dev.referent.train.heads;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partial-label loss on tiny tensors, against values worked out by hand. */
class CorefLossTest {

    private static double softPlus(double z) {
        return Math.log1p(Math.exp(z));
    }

    @Test
    void linkLossIsBinaryCrossEntropyOfEachNamesLogSumExp() {
        try (NDManager m = NDManager.newBaseManager()) {
            // link 0 (coreferent) has pairs 0 and 1, link 1 (not coreferent) has pair 2
            NDArray scores = m.create(new float[] {1f, -2f, 0.5f});
            NDArray loss = CorefLoss.linkLoss(m, scores, new int[] {0, 0, 1}, new boolean[] {true, false});
            double l0 = Math.log(Math.exp(1) + Math.exp(-2));
            double expected = ((softPlus(l0) - l0) + softPlus(0.5)) / 2;
            assertEquals(expected, loss.getFloat(), 1e-5);
        }
    }

    @Test
    void linkLossRaisesACoreferentNameAndLowersTheOther() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray scores = m.create(new float[] {0.3f, 0.3f, -0.2f});
            scores.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(CorefLoss.linkLoss(m, scores, new int[] {0, 0, 1}, new boolean[] {true, false}));
            }
            float[] g = scores.getGradient().toFloatArray();
            assertTrue(g[0] < 0 && g[1] < 0, "the coreferent name's words are pushed up");
            assertEquals(g[0], g[1], 1e-6, "both words of one name share the push (equal scores)");
            assertTrue(g[2] > 0, "the other name is pushed down");
        }
    }

    @Test
    void rankLossIsTheSoftmaxOfTheRightNameAgainstTheWrongOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            // group 0: link 0 (coreferent; pairs 0 and 1) against link 1 (pair 2); group 1: link 2 only, not counted
            NDArray scores = m.create(new float[] {1f, -2f, 0.5f, 3f});
            NDArray loss = CorefLoss.rankLoss(m, scores, new int[] {0, 0, 1, 2}, new int[] {0, 0, 1},
                    new boolean[] {true, false, false});
            double right = Math.log(Math.exp(1) + Math.exp(-2));
            double all = Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(0.5));
            assertEquals(all - right, loss.getFloat(), 1e-5);
        }
    }

    @Test
    void rankLossMovesTheNamesApartAndNotTheirSum() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray scores = m.create(new float[] {0.3f, -0.2f});
            scores.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(CorefLoss.rankLoss(m, scores, new int[] {0, 1}, new int[] {0, 0}, new boolean[] {true, false}));
            }
            float[] g = scores.getGradient().toFloatArray();
            assertTrue(g[0] < 0, "the coreferent name is pushed up");
            assertTrue(g[1] > 0, "the other name is pushed down");
            assertEquals(0, g[0] + g[1], 1e-6, "a softmax gradient: no push on both together (how readily it links)");
        }
    }

    @Test
    void rankLossIsTheMeanOverTheGroupsThatCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            // groups 0 and 1 each have a right and a wrong name; group 2 names neither and does not count
            NDArray scores = m.create(new float[] {1f, 0f, -1f, 2f, 0.5f});
            NDArray loss = CorefLoss.rankLoss(m, scores, new int[] {0, 1, 2, 3, 4}, new int[] {0, 0, 1, 1, 2},
                    new boolean[] {true, false, true, false, false});
            double g0 = Math.log(Math.exp(1) + Math.exp(0)) - 1;
            double g1 = Math.log(Math.exp(-1) + Math.exp(2)) + 1;
            assertEquals((g0 + g1) / 2, loss.getFloat(), 1e-5);
        }
    }

    @Test
    void rankLossOfARowNamingNeitherIsZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray loss = CorefLoss.rankLoss(m, m.create(new float[] {0.3f, -0.2f}), new int[] {0, 1},
                    new int[] {0, 0}, new boolean[] {false, false});
            assertEquals(0f, loss.getFloat(), 0f);
        }
    }

    @Test
    void weightedWordsMakeAWeightedMeanOfTheNegativeLogLikelihood() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two words, the dummy and one candidate each: word 0's gold is the candidate, word 1's the dummy
            float[] logits = {0f, 1f, 0f, 2f};
            float[] gold = {0f, 1f, 1f, 0f};
            float[] valid = {1f, 1f, 1f, 1f};
            double l0 = Math.log(1 + Math.exp(1)) - 1;
            double l1 = Math.log(1 + Math.exp(2));
            NDArray plain = CorefLoss.loss(m, m.create(logits, new ai.djl.ndarray.types.Shape(2, 2)), gold, valid, 0f);
            assertEquals((l0 + l1) / 2, plain.getFloat(), 1e-5);
            NDArray weighted = CorefLoss.loss(m, m.create(logits, new ai.djl.ndarray.types.Shape(2, 2)), gold, valid, 0f,
                    new float[] {3f, 1f});
            assertEquals((3 * l0 + l1) / 4, weighted.getFloat(), 1e-5);
        }
    }
}
