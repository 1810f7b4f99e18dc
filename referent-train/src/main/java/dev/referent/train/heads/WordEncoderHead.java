package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.referent.model.WordEncoder;

/**
 * Words from wordpieces (training side of the runtime's WordHead): attention-weighted sum of each word's pieces,
 * then a two-layer projection to the scorers' word vectors.
 */
public final class WordEncoderHead {

    private final Params.Dense attention;
    private final Params.Dense proj1;
    private final Params.Dense proj2;
    private final float dropout;

    public WordEncoderHead(Params params, int hidden, int projHidden, int wordDim, float dropout) {
        attention = params.dense("word.att", hidden, 1, true);
        proj1 = params.dense("word.proj1", hidden, projHidden, true);
        proj2 = params.dense("word.proj2", projHidden, wordDim, true);
        this.dropout = dropout;
    }

    /** Returns {x [N, H], u [N, D]}. */
    public NDArray[] forward(NDManager step, WordEncoder.Encoded enc, boolean training) {
        int n = enc.words();
        int p = enc.pieceCount();
        NDArray pieces = step.create(enc.pieces(), new Shape(p, enc.hidden()));
        float[] mask = new float[n * p];
        java.util.Arrays.fill(mask, -1e9f);
        for (int w = 0; w < n; w++) {
            for (int k = enc.wordStart()[w]; k < enc.wordEnd()[w]; k++) {
                mask[w * p + k] = 0f;
            }
        }
        NDArray scores = attention.apply(pieces).reshape(1, p);            // [1, P]
        NDArray weights = step.create(mask, new Shape(n, p)).add(scores).softmax(1); // [N, P]
        NDArray x = weights.matMul(pieces);                                 // [N, H]
        NDArray h = Activation.relu(proj1.apply(Dropouts.apply(step, x, dropout, training)));
        NDArray u = proj2.apply(Dropouts.apply(step, h, dropout, training));
        return new NDArray[] {x, u};
    }
}
