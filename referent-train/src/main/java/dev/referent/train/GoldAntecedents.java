package dev.referent.train;

import dev.referent.model.heads.PairwiseFeatures;

import java.util.HashSet;
import java.util.Set;

/**
 * The gold side of the coreference losses, in plain arrays: which of a word's antecedent candidates are in its gold
 * cluster (the dummy antecedent when none is), for the fine scorer's top-k candidates and for the coarse scorer's
 * every earlier word. Kept apart from the loss arithmetic so that it can be checked without a tensor engine.
 */
final class GoldAntecedents {

    private GoldAntecedents() {
    }

    /**
     * Targets over each word's top-k candidates, row {@code i} of the {@code (k + 1)}-wide arrays starting with the
     * dummy antecedent.
     *
     * @param phi            pair features of each valid candidate ({@code n x k x features.size()})
     * @param candidateMask  0 for a valid candidate, -1e9 for an empty slot ({@code n x k}), added to its score
     * @param gold           1 for each candidate in the word's gold cluster, else for the dummy
     * @param validMask      1 for the dummy and each valid candidate
     * @param anaphors       words with a gold antecedent anywhere before them
     * @param anaphorsInTopK those of them with a gold antecedent among their candidates
     */
    record TopK(float[] phi, float[] candidateMask, float[] gold, float[] validMask, int anaphors, int anaphorsInTopK) {
    }

    /**
     * The targets of the candidates {@code idx} ({@code valid} marks the real ones) of the {@code n} words whose gold
     * clusters are {@code wordCluster} (-1: none); {@code features} fills the pair features of the valid candidates.
     */
    static TopK topK(int n, int[] wordCluster, int[][] idx, boolean[][] valid, int k, PairwiseFeatures features) {
        float[] phi = new float[n * k * features.size()];
        float[] candidateMask = new float[n * k];
        float[] gold = new float[n * (k + 1)];
        float[] validMask = new float[n * (k + 1)];
        int anaphors = 0;
        int anaphorsInTopK = 0;
        Set<Integer> clustersSeen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            boolean any = false;
            int cluster = wordCluster[i];
            boolean hasGoldAntecedent = cluster >= 0 && !clustersSeen.add(cluster);
            validMask[i * (k + 1)] = 1f;
            for (int j = 0; j < k; j++) {
                if (valid[i][j]) {
                    features.fill(i, idx[i][j], phi, (i * k + j) * features.size());
                    validMask[i * (k + 1) + 1 + j] = 1f;
                    if (cluster >= 0 && wordCluster[idx[i][j]] == cluster) {
                        gold[i * (k + 1) + 1 + j] = 1f;
                        any = true;
                    }
                } else {
                    candidateMask[i * k + j] = -1e9f;
                }
            }
            if (!any) {
                gold[i * (k + 1)] = 1f;
            }
            if (hasGoldAntecedent) {
                anaphors++;
                if (any) {
                    anaphorsInTopK++;
                }
            }
        }
        return new TopK(phi, candidateMask, gold, validMask, anaphors, anaphorsInTopK);
    }

    /** Targets over every earlier word, rows {@code n + 1} wide with the dummy first: {@code gold} and {@code valid}. */
    record AllEarlier(float[] gold, float[] valid) {
    }

    /** The coarse scorer's targets: each of the {@code n} words' gold antecedents among all the words before it. */
    static AllEarlier allEarlier(int n, int[] cluster) {
        float[] gold = new float[n * (n + 1)];
        float[] valid = new float[n * (n + 1)];
        for (int i = 0; i < n; i++) {
            boolean any = false;
            valid[i * (n + 1)] = 1f;
            for (int j = 0; j < i; j++) {
                valid[i * (n + 1) + 1 + j] = 1f;
                if (cluster[i] >= 0 && cluster[j] == cluster[i]) {
                    gold[i * (n + 1) + 1 + j] = 1f;
                    any = true;
                }
            }
            if (!any) {
                gold[i * (n + 1)] = 1f;
            }
        }
        return new AllEarlier(gold, valid);
    }
}
