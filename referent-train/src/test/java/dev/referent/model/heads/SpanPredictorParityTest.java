package dev.referent.model.heads;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.doc.Document;
import dev.referent.doc.Sentence;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.SpanPredictorNet;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The span predictor: {@link SpanPredictorNet} (training) and {@link SpanPredictor} (runtime) give every token of a
 * head's sentence the same start and end scores, and the runtime's span is the best of the training scores.
 */
class SpanPredictorParityTest {

    private static final int DIM = 16;
    private static final int HIDDEN = 10;
    /** Short, so that the sentences' tokens reach the clipped distances on both sides of the head. */
    private static final int MAX_DISTANCE = 3;

    @Test
    void runtimeStartAndEndScoresAreTheTrainingNetworks() {
        Document doc = Parity.document();
        int n = doc.size();
        float[] u = Parity.random(n * DIM, new Random(7));
        int[] heads = new int[n];
        for (int h = 0; h < n; h++) {
            heads[h] = h;
        }
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 1);
            SpanPredictorNet net = new SpanPredictorNet(params, DIM, HIDDEN, MAX_DISTANCE);
            Parity.randomize(params, 2);
            float[] training = net.scores(step, doc, step.create(u, new Shape(n, DIM)), heads).toFloatArray();
            int width = training.length / (2 * n);

            SpanPredictor runtime = new SpanPredictor(params.export());
            float[] qAll = runtime.project(u, n, DIM);
            for (int h = 0; h < n; h++) {
                Sentence sentence = doc.sentenceOf(h);
                int from = sentence.tokenStart();
                float[] scores = runtime.scores(u, DIM, h, qAll, from, sentence.tokenEnd());
                int bestStart = h;
                int bestEnd = h;
                for (int t = from; t < sentence.tokenEnd(); t++) {
                    int cell = (h * width + t - from) * 2;
                    Parity.assertClose(training[cell], scores[2 * (t - from)], "start score of token " + t + " for head " + h);
                    Parity.assertClose(training[cell + 1], scores[2 * (t - from) + 1], "end score of token " + t + " for head " + h);
                    if (t <= h && training[cell] > training[(h * width + bestStart - from) * 2]) {
                        bestStart = t;
                    }
                    if (t >= h && training[cell + 1] > training[(h * width + bestEnd - from) * 2 + 1]) {
                        bestEnd = t;
                    }
                }
                assertArrayEquals(new int[] {bestStart, bestEnd + 1}, runtime.span(doc, u, DIM, h, qAll), "span of head " + h);
            }
        }
    }
}
