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
        return loss(step, logits, gold, valid, bceWeight, null);
    }

    /**
     * As {@link #loss(NDManager, NDArray, float[], float[], float)}, with the negative log-likelihood a weighted mean
     * over the words: {@code rowWeight[i]} for word i (null: all 1).
     */
    public static NDArray loss(NDManager step, NDArray logits, float[] gold, float[] valid, float bceWeight,
                               float[] rowWeight) {
        Shape shape = logits.getShape();
        float[] goldLog = new float[gold.length];
        for (int i = 0; i < gold.length; i++) {
            goldLog[i] = gold[i] > 0 ? 0f : -1e9f;
        }
        NDArray all = logSumExp(logits);
        NDArray correct = logSumExp(logits.add(step.create(goldLog, shape)));
        NDArray nll = rowWeight == null ? all.sub(correct).mean()
                : all.sub(correct).reshape(shape.get(0)).mul(step.create(rowWeight))
                        .sum().div(Scalars.of(step, Math.max(1e-6f, sum(rowWeight))));
        if (bceWeight == 0f) {
            return nll; // not even computed: 0 times a non-finite local gradient would still be NaN
        }
        NDArray y = step.create(gold, shape);
        NDArray w = step.create(valid, shape);
        NDArray bce = softPlus(logits).sub(logits.mul(y)).mul(w).sum().div(Scalars.of(step, Math.max(1f, sum(valid))));
        return nll.add(bce.mul(Scalars.of(step, bceWeight)));
    }

    /**
     * The loss of partial labels (GAP): each link's score is the log-sum-exp of its pairs' antecedent scores (a name
     * of several words links through any of them), and a binary cross-entropy against the dummy antecedent's 0
     * asks it to be positive for a coreferent name and negative for the other; mean over links. Other candidates are
     * left alone: an unlabelled earlier mention of the same person is not a wrong antecedent.
     *
     * @param pairScores [P] antecedent scores of the pairs
     * @param linkOfPair the link (0..L-1) each pair belongs to; every link has at least one pair
     * @param coref      the label of each link
     */
    public static NDArray linkLoss(NDManager step, NDArray pairScores, int[] linkOfPair, boolean[] coref) {
        int p = linkOfPair.length;
        int links = coref.length;
        float[] member = new float[links * p];
        java.util.Arrays.fill(member, -1e9f);
        for (int i = 0; i < p; i++) {
            member[linkOfPair[i] * p + i] = 0f;
        }
        float[] y = new float[links];
        for (int l = 0; l < links; l++) {
            y[l] = coref[l] ? 1f : 0f;
        }
        NDArray scores = pairScores.reshape(1, p).broadcast(new Shape(links, p)).add(step.create(member, new Shape(links, p)));
        NDArray linkScores = logSumExp(scores).reshape(links);
        return softPlus(linkScores).sub(linkScores.mul(step.create(y, new Shape(links)))).mean();
    }

    /**
     * The relative loss of partial labels: within each group of links of one pronoun (a GAP row's pronoun and its two
     * names, whichever of a pair is the anaphor), the negative log-probability, under a softmax over the group's link scores, of its coreferent
     * links. It asks only that the right name outrank the wrong one, not that either clear the dummy antecedent, so
     * it teaches the choice between names without moving how readily a pronoun links at all. A group without both
     * a coreferent and a non-coreferent link adds nothing; mean over the groups that count (0 when none does).
     *
     * @param pairScores [P] antecedent scores of the pairs
     * @param linkOfPair the link (0..L-1) each pair belongs to; every link has at least one pair
     * @param groupOfLink the group of each link (links of one pronoun share one)
     * @param coref      the label of each link
     */
    public static NDArray rankLoss(NDManager step, NDArray pairScores, int[] linkOfPair, int[] groupOfLink,
                                   boolean[] coref) {
        int p = linkOfPair.length;
        int groups = 0;
        for (int g : groupOfLink) {
            groups = Math.max(groups, g + 1);
        }
        boolean[] hasPositive = new boolean[groups];
        boolean[] hasNegative = new boolean[groups];
        for (int l = 0; l < coref.length; l++) {
            if (coref[l]) {
                hasPositive[groupOfLink[l]] = true;
            } else {
                hasNegative[groupOfLink[l]] = true;
            }
        }
        float[] inGroup = new float[groups * p];
        float[] positiveInGroup = new float[groups * p];
        java.util.Arrays.fill(inGroup, -1e9f);
        java.util.Arrays.fill(positiveInGroup, -1e9f);
        float[] counts = new float[groups];
        int counted = 0;
        for (int g = 0; g < groups; g++) {
            if (hasPositive[g] && hasNegative[g]) {
                counts[g] = 1f;
                counted++;
            }
        }
        if (counted == 0) {
            return pairScores.sum().mul(0f);
        }
        for (int i = 0; i < p; i++) {
            int l = linkOfPair[i];
            int g = groupOfLink[l];
            inGroup[g * p + i] = 0f;
            if (coref[l]) {
                positiveInGroup[g * p + i] = 0f;
            }
        }
        // a name of several words counts once in the softmax as the log-sum-exp of its words' scores, so the group's
        // log-sum-exp over all its pairs is the same softmax over links
        NDArray scores = pairScores.reshape(1, p).broadcast(new Shape(groups, p));
        NDArray all = logSumExp(scores.add(step.create(inGroup, new Shape(groups, p)))).reshape(groups);
        NDArray right = logSumExp(scores.add(step.create(positiveInGroup, new Shape(groups, p)))).reshape(groups);
        return all.sub(right).mul(step.create(counts, new Shape(groups))).sum().div(Scalars.of(step, counted));
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
