package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Coarse bilinear antecedent scores over all earlier words; the top k go to the fine scorer. */
public final class RoughScorerHead {

    private final Params.Dense bilinear;

    public RoughScorerHead(Params params, int wordDim) {
        bilinear = params.dense("rough.bilinear", wordDim, wordDim, false);
    }

    /** [N, N] scores, -1e9 where j >= i. */
    public NDArray forward(NDManager step, NDArray u) {
        int n = (int) u.getShape().get(0);
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                mask[i * n + j] = -1e9f;
            }
        }
        return bilinear.apply(u).matMul(u.transpose()).add(step.create(mask, new Shape(n, n)));
    }

    /**
     * Best {@code k} earlier words per word from the (detached) scores, ties to the nearer word as at runtime;
     * rows with fewer than k earlier words are padded with index 0 and marked invalid.
     */
    public static int[][] topK(float[] scores, int n, int k, boolean[][] valid) {
        int[][] idx = new int[n][k];
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(scores, i * n, row, 0, n);
            int m = Math.min(k, i);
            int[] best = dev.referent.model.RoughScorerAccess.selectTop(row, i, m);
            valid[i] = new boolean[k];
            for (int c = 0; c < m; c++) {
                idx[i][c] = best[c];
                valid[i][c] = true;
            }
        }
        return idx;
    }
}
