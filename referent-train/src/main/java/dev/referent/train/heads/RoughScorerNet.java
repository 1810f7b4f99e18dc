package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.model.heads.WeightNames;

/**
 * Coarse antecedent scores over all earlier words: bilinear u_i W u_j plus a learned prior per distance bucket and
 * cheap cues; the top k go to the fine scorer (training twin of the runtime {@link dev.referent.model.heads.RoughScorer}).
 */
public final class RoughScorerNet {

    private final Params.Dense bilinear;
    private final NDArray distance;
    private final boolean cues;

    /**
     * @param prior "cues": a learned bias per distance bucket and cheap cues ({@link WeightNames#ROUGH_PRIOR}); "distance": per distance
     *              bucket only ({@link WeightNames#ROUGH_DISTANCE}); "none": the bilinear score alone
     */
    public RoughScorerNet(Params params, int wordDim, String prior) {
        bilinear = params.dense(WeightNames.ROUGH_BILINEAR, wordDim, wordDim, false);
        this.cues = prior.equals("cues");
        distance = switch (prior) {
            case "cues" -> params.zeros(WeightNames.ROUGH_PRIOR, dev.referent.model.heads.PairwiseFeatures.ROUGH_CATEGORIES);
            case "distance" -> params.zeros(WeightNames.ROUGH_DISTANCE, dev.referent.model.heads.PairwiseFeatures.DISTANCE_BUCKET_COUNT);
            case "none" -> null;
            default -> throw new IllegalArgumentException("rough_prior must be none, distance or cues: " + prior);
        };
    }

    /** [N, N] scores, -1e4 where j >= i. */
    public NDArray forward(NDManager step, NDArray u, dev.referent.model.heads.PairwiseFeatures features) {
        int n = (int) u.getShape().get(0);
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                mask[i * n + j] = -1e4f; // far below any score, yet far from float limits when masks add up
            }
        }
        NDArray scores = bilinear.apply(u).matMul(u.transpose()).add(step.create(mask, new Shape(n, n)));
        if (distance == null) {
            return scores;
        }
        long[] bucket = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                bucket[i * n + j] = cues ? features.roughCategory(i, j) : dev.referent.model.heads.PairwiseFeatures.distanceBucket(i - j);
            }
        }
        // take(step, ...) keeps the N x N result in the step's manager (a parameter's manager would keep it forever)
        NDArray prior = distance.take(step, step.create(bucket, new Shape(n * (long) n))).reshape(n, n);
        return scores.add(prior);
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
            int[] best = dev.referent.model.heads.RoughScorer.selectTop(row, i, m);
            valid[i] = new boolean[k];
            for (int c = 0; c < m; c++) {
                idx[i][c] = best[c];
                valid[i][c] = true;
            }
        }
        return idx;
    }
}
