package dev.referent.model;

/**
 * Coarse antecedent scorer: a bilinear score u_i W u_j plus a learned prior for the token distance, for every
 * earlier word j; only the best k candidates per word go on to the fine scorer.
 */
public final class RoughScorer {

    private final Linear bilinear;
    /** Learned bias per token-distance bucket (a prior for near antecedents), or null. */
    private final float[] distance;
    /** Learned bias per {@link PairwiseFeatures#roughCategory} (distance and cheap cues), or null. */
    private final float[] prior;

    /** For each word, its candidate antecedents (best first) and their coarse scores. */
    record Candidates(int[][] antecedents, float[][] scores) {
    }

    RoughScorer(Weights w) {
        bilinear = new Linear(w, WeightNames.ROUGH_BILINEAR);
        distance = w.has(WeightNames.ROUGH_DISTANCE) ? w.get(WeightNames.ROUGH_DISTANCE, 1).data() : null;
        prior = w.has(WeightNames.ROUGH_PRIOR) ? w.get(WeightNames.ROUGH_PRIOR, 1).data() : null;
    }

    Candidates topK(float[] u, int n, int d, int k, PairwiseFeatures features) {
        float[] projected = new float[n * d];
        for (int i = 0; i < n; i++) {
            bilinear.applyNoBias(u, i * d, projected, i * d);
        }
        // u transposed [d, n], so that row i of the scores is a sum of axpys over contiguous rows
        float[] ut = new float[d * n];
        for (int j = 0; j < n; j++) {
            for (int h = 0; h < d; h++) {
                ut[h * n + j] = u[j * d + h];
            }
        }
        int[][] antecedents = new int[n][];
        float[][] scores = new float[n][];
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            int m = Math.min(k, i);
            java.util.Arrays.fill(row, 0, i, 0f);
            int pi = i * d;
            for (int h = 0; h < d; h++) {
                Linear.axpy(projected[pi + h], ut, h * n, row, 0, i);
            }
            for (int j = 0; j < i; j++) {
                if (prior != null) {
                    row[j] += prior[features.roughCategory(i, j)];
                } else if (distance != null) {
                    row[j] += distance[PairwiseFeatures.distanceBucket(i - j)];
                }
            }
            int[] best = selectTop(row, i, m);
            float[] bestScores = new float[m];
            for (int c = 0; c < m; c++) {
                bestScores[c] = row[best[c]];
            }
            antecedents[i] = best;
            scores[i] = bestScores;
        }
        return new Candidates(antecedents, scores);
    }

    /**
     * Indices of the m largest of values[0..length), largest first; ties go to the nearer (larger) index. Training
     * selects candidates with it too, so both sides pick the same antecedents.
     */
    public static int[] selectTop(float[] values, int length, int m) {
        int[] best = new int[m];
        int size = 0;
        for (int j = length - 1; j >= 0; j--) {
            float v = values[j];
            if (size < m) {
                int pos = size++;
                while (pos > 0 && values[best[pos - 1]] < v) {
                    best[pos] = best[pos - 1];
                    pos--;
                }
                best[pos] = j;
            } else if (m > 0 && v > values[best[m - 1]]) {
                int pos = m - 1;
                while (pos > 0 && values[best[pos - 1]] < v) {
                    best[pos] = best[pos - 1];
                    pos--;
                }
                best[pos] = j;
            }
        }
        return best;
    }
}
