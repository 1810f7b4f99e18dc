package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.referent.model.heads.PairwiseFeatures;
import dev.referent.model.heads.WeightNames;

/**
 * Fine pair scorer over the top-k candidates: FFNN over u_i, u_j, u_i * u_j and the pair features (training twin of
 * the runtime {@link dev.referent.model.heads.AnaphoricityScorer}; {@code AnaphoricityScorerParityTest} keeps them equal).
 */
public final class AnaphoricityScorerNet {

    private final Params.Dense a;
    private final Params.Dense b;
    private final Params.Dense c;
    private final Params.Dense e;
    private final Params.Dense hidden;
    private final Params.Dense out;
    private final float dropout;

    private final int featureSize;

    public AnaphoricityScorerNet(Params params, int wordDim, int pairHidden, float dropout) {
        this(params, wordDim, pairHidden, dropout, PairwiseFeatures.SIZE);
    }

    /** @param featureSize pair features per pair: {@link PairwiseFeatures#SIZE}, or more with the syntax head's */
    public AnaphoricityScorerNet(Params params, int wordDim, int pairHidden, float dropout, int featureSize) {
        this.featureSize = featureSize;
        a = params.dense(WeightNames.PAIR_ANAPHOR, wordDim, pairHidden, true);
        b = params.dense(WeightNames.PAIR_ANTECEDENT, wordDim, pairHidden, false);
        c = params.dense(WeightNames.PAIR_PRODUCT, wordDim, pairHidden, false);
        e = params.dense(WeightNames.PAIR_FEATURES, featureSize, pairHidden, false);
        hidden = params.dense(WeightNames.PAIR_HIDDEN, pairHidden, pairHidden, true);
        out = params.dense(WeightNames.PAIR_OUT, pairHidden, 1, true);
        this.dropout = dropout;
    }

    /** Fine scores [N, K] of candidates {@code idx} (N x K, flattened) with features {@code phi} [N*K, F]. */
    public NDArray forward(NDManager step, NDArray u, int[][] idx, float[] phi, boolean training) {
        int n = idx.length;
        int k = n == 0 ? 0 : idx[0].length;
        long d = u.getShape().get(1);
        long[] flat = new long[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                flat[i * k + j] = idx[i][j];
            }
        }
        NDArray index = step.create(flat, new Shape(n * (long) k)).toType(DataType.INT64, false);
        NDArray uj = u.get(index);                                                   // [N*K, D]
        NDArray ui = u.expandDims(1).broadcast(new Shape(n, k, d)).reshape(n * (long) k, d);
        // the anaphor's term once per word, not once per candidate
        NDArray pa = a.apply(u).expandDims(1).broadcast(new Shape(n, k, out.weight().getShape().get(0)))
                .reshape(n * (long) k, -1);
        return score(step, pa, ui, uj, phi, training).reshape(n, k);
    }

    /**
     * Fine scores [P] of arbitrary pairs: word {@code anaphor[p]} with the earlier word {@code antecedent[p]}, with
     * features {@code phi} [P, F]; the same network as {@link #forward}.
     */
    public NDArray forwardPairs(NDManager step, NDArray u, int[] anaphor, int[] antecedent, float[] phi, boolean training) {
        NDArray ui = u.get(index(step, anaphor));
        NDArray uj = u.get(index(step, antecedent));
        return score(step, a.apply(ui), ui, uj, phi, training).reshape(anaphor.length);
    }

    /** The network over pairs given row by row: {@code pa} is the anaphor's term a(u_i), phi [rows * F]. */
    private NDArray score(NDManager step, NDArray pa, NDArray ui, NDArray uj, float[] phi, boolean training) {
        long rows = ui.getShape().get(0);
        NDArray z = pa.add(b.apply(uj)).add(c.apply(ui.mul(uj)))
                .add(e.apply(step.create(phi, new Shape(rows, featureSize))));
        z = Dropouts.apply(Activation.relu(z), dropout, training);
        NDArray z2 = Dropouts.apply(Activation.relu(hidden.apply(z)), dropout, training);
        return out.apply(z2);
    }

    private static NDArray index(NDManager step, int[] words) {
        long[] flat = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            flat[i] = words[i];
        }
        return step.create(flat, new Shape(words.length));
    }
}
