package dev.referent.model.heads;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.doc.Document;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.RoughScorerNet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coarse scorer: {@link RoughScorerNet} (training) and {@link RoughScorer} (runtime) agree, with each prior. */
class RoughScorerParityTest {

    private static final int DIM = 16;
    private static final int K = 7;

    @ParameterizedTest
    @ValueSource(strings = {"cues", "distance", "none"})
    void runtimeCandidatesAndScoresAreTheTrainingNetworks(String prior) {
        Document doc = Parity.document();
        int n = doc.size();
        PairwiseFeatures features = new PairwiseFeatures(doc, null);
        float[] u = Parity.random(n * DIM, new Random(3));
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 1);
            RoughScorerNet net = new RoughScorerNet(params, DIM, prior);
            Parity.randomize(params, 2);
            float[] training = net.forward(step, step.create(u, new Shape(n, DIM)), features).toFloatArray();

            RoughScorer.Candidates runtime = new RoughScorer(params.export()).topK(u, n, DIM, K, features);
            boolean[][] valid = new boolean[n][];
            int[][] trainingTop = RoughScorerNet.topK(training, n, K, valid);
            int compared = 0;
            for (int i = 0; i < n; i++) {
                int[] ants = runtime.antecedents()[i];
                for (int c = 0; c < ants.length; c++) {
                    Parity.assertClose(training[i * n + ants[c]], runtime.scores()[i][c],
                            "rough score of word " + i + " with " + ants[c] + " (prior " + prior + ")");
                    compared++;
                }
                int[] expected = java.util.Arrays.copyOf(trainingTop[i], Math.min(K, i));
                assertArrayEquals(expected, ants, "candidates of word " + i);
            }
            assertTrue(compared > n, "too few pairs compared: " + compared);
        }
    }
}
