package dev.referent.model.heads;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.PosTaggerNet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The POS tagger: {@link PosTaggerNet} (training) and {@link PosTagger} (runtime) give the same tag scores and tags. */
class PosTaggerParityTest {

    private static final int HIDDEN = 24;
    private static final List<String> LABELS = List.of("NN", "NNP", "PRP", "PRP$", "VBD", ",", ".", "DT");

    @Test
    void runtimeTagScoresAreTheTrainingNetworks() {
        int n = 30;
        float[] x = Parity.random(n * HIDDEN, new Random(9));
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 1);
            PosTaggerNet net = new PosTaggerNet(params, HIDDEN, LABELS);
            Parity.randomize(params, 2);
            float[] training = net.logits(step.create(x, new Shape(n, HIDDEN))).toFloatArray();

            PosTagger runtime = new PosTagger(params.export(), LABELS.toArray(String[]::new));
            String[] tags = runtime.tag(x, n, HIDDEN);
            float[] logits = new float[LABELS.size()];
            for (int i = 0; i < n; i++) {
                runtime.logits(x, i, HIDDEN, logits);
                int best = 0;
                for (int k = 0; k < logits.length; k++) {
                    Parity.assertClose(training[i * LABELS.size() + k], logits[k], "score of " + LABELS.get(k) + " for word " + i);
                    if (training[i * LABELS.size() + k] > training[i * LABELS.size() + best]) {
                        best = k;
                    }
                }
                assertEquals(LABELS.get(best), tags[i], "tag of word " + i);
            }
        }
    }
}
