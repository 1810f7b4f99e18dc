package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The antecedent loss of wl-coref: negative marginal log-likelihood of all gold antecedents among the candidates
 * (the dummy antecedent is gold when none is), plus a weighted binary cross-entropy on every candidate.
 */
public final class CorefLoss {

    private CorefLoss() {
    }

    /**
     * @param logits [N, K+1] scores, column 0 the dummy (0)
     * @param gold   [N*(K+1)] 1 for gold antecedents (exactly the dummy when there is none), else 0
     * @param valid  [N*(K+1)] 1 for real candidates and the dummy, 0 for padding
     */
    public static NDArray loss(NDManager step, NDArray logits, float[] gold, float[] valid, float bceWeight) {
        Shape shape = logits.getShape();
        float[] goldLog = new float[gold.length];
        for (int i = 0; i < gold.length; i++) {
            goldLog[i] = gold[i] > 0 ? 0f : -1e9f;
        }
        NDArray all = logSumExp(logits);
        NDArray correct = logSumExp(logits.add(step.create(goldLog, shape)));
        NDArray nll = all.sub(correct).mean();
        if (bceWeight == 0f) {
            return nll; // not even computed: 0 times a non-finite local gradient would still be NaN
        }
        NDArray y = step.create(gold, shape);
        NDArray w = step.create(valid, shape);
        NDArray bce = softPlus(logits).sub(logits.mul(y)).mul(w).sum().div(Scalars.of(step, Math.max(1f, sum(valid))));
        return nll.add(bce.mul(Scalars.of(step, bceWeight)));
    }

    /** log(1 + e^z) without overflow for large z: relu(z) + log(1 + e^-|z|). */
    static NDArray softPlus(NDArray z) {
        return Activation.relu(z).add(z.abs().neg().exp().add(1f).log());
    }

    private static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {1}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {1}, true).log().add(max);
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }
}
