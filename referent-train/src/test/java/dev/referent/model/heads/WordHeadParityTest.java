package dev.referent.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.WordHeadNet;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * The word head: {@link WordHeadNet} (training) and {@link WordHead} (runtime) compute the same pooled word vectors
 * x and word representations u, through the layer mix, the attention pooling, the projection and the context LSTMs.
 */
class WordHeadParityTest {

    private static final int HIDDEN = 24;
    private static final int PROJ_HIDDEN = 20;
    private static final int WORD_DIM = 16;

    @Test
    void mixedLayersPoolingProjectionAndLstmsMatch() {
        compare(3, true);
    }

    @Test
    void oneLayerWithoutContextMatches() {
        compare(1, false);
    }

    private static void compare(int layers, boolean context) {
        Random random = new Random(11);
        // words of one to three pieces each
        int words = 25;
        int[] wordStart = new int[words];
        int[] wordEnd = new int[words];
        int pieces = 0;
        for (int w = 0; w < words; w++) {
            wordStart[w] = pieces;
            pieces += 1 + random.nextInt(3);
            wordEnd[w] = pieces;
        }
        WordEncoder.Encoded enc = new WordEncoder.Encoded(Parity.random(layers * pieces * HIDDEN, random), layers,
                pieces, HIDDEN, wordStart, wordEnd);
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 1);
            WordHeadNet net = context
                    ? new WordHeadNet(params, HIDDEN, layers, PROJ_HIDDEN, WORD_DIM, 0.3f, true, manager)
                    : new WordHeadNet(params, HIDDEN, PROJ_HIDDEN, WORD_DIM, 0.3f);
            Parity.randomize(params, 2);
            NDArray[] training = net.forward(step, enc, false);

            WordHead.Words runtime = new WordHead(params.export()).apply(enc);
            Parity.assertClose(training[0].toFloatArray(), runtime.x(), "pooled word vectors x");
            Parity.assertClose(training[1].toFloatArray(), runtime.u(), "word representations u");
        }
    }
}
