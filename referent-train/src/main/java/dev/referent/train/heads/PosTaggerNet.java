package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.model.heads.WeightNames;

/**
 * Penn Treebank tagging from the pooled word vectors x: one linear layer, cross-entropy (training twin of the runtime
 * {@link dev.referent.model.heads.PosTagger}).
 */
public final class PosTaggerNet {

    private final Params.Dense out;
    private final java.util.List<String> labels;

    public PosTaggerNet(Params params, int hidden, java.util.List<String> labels) {
        out = params.dense(WeightNames.POS_OUT, hidden, labels.size(), true);
        this.labels = labels;
    }

    public NDArray loss(NDManager step, NDArray x, String[] gold) {
        int n = gold.length;
        int t = labels.size();
        float[] oneHot = new float[n * t];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int k = gold[i] == null ? -1 : labels.indexOf(gold[i]);
            if (k >= 0) {
                oneHot[i * t + k] = 1f;
                count++;
            }
        }
        NDArray logp = logits(x).logSoftmax(1);
        return logp.mul(step.create(oneHot, new Shape(n, t))).sum().neg().div(Scalars.of(step, Math.max(1, count)));
    }

    /** Tag scores [N, labels] of the words {@code x} [N, hidden]. */
    public NDArray logits(NDArray x) {
        return out.apply(x);
    }
}
