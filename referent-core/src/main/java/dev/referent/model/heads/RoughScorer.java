package dev.referent.model.heads;

/**
 * Coarse antecedent scorer: a bilinear score u_i W u_j plus a learned prior for the token distance, for every
 * earlier word j within a bound ({@code candidates.max_distance}); only the best k candidates per word go on to the
 * fine scorer.
 */
public final class RoughScorer implements AutoCloseable {

    /** Words whose scores one call of the graph computes. */
    private static final int BLOCK = 128;

    private final Linear bilinear;
    /** Learned bias per token-distance bucket (a prior for near antecedents), or null. */
    private final float[] distance;
    /** Learned bias per {@link PairwiseFeatures#roughCategory} (distance and cheap cues), or null. */
    private final float[] prior;

    /** For each word, its candidate antecedents (best first) and their coarse scores. */
    public record Candidates(int[][] antecedents, float[][] scores) {

        /**
         * The candidates whose coarse score is within {@code margin} of their word's best one (each word's list is
         * sorted best first, so a prefix is kept): the fine scorer need not score antecedents the coarse scorer has
         * already ruled out by far.
         */
        public Candidates withinMargin(float margin) {
            if (!(margin < Float.POSITIVE_INFINITY)) {
                return this;
            }
            int n = antecedents.length;
            int[][] ants = new int[n][];
            float[][] kept = new float[n][];
            for (int i = 0; i < n; i++) {
                float[] s = scores[i];
                int m = 0;
                while (m < s.length && s[m] >= s[0] - margin) {
                    m++;
                }
                ants[i] = m == s.length ? antecedents[i] : java.util.Arrays.copyOf(antecedents[i], m);
                kept[i] = m == s.length ? s : java.util.Arrays.copyOf(s, m);
            }
            return new Candidates(ants, kept);
        }
    }

    /** (u_i W) u_j for a block of words i and their earlier words j on ONNX Runtime; null: in Java (the reference). */
    private final HeadGraph graph;

    /** The scorer with its bilinear form in Java (training's parity tests compare against it). */
    public RoughScorer(Weights w) {
        this(w, false);
    }

    /**
     * @param onnx whether the bilinear scores run on ONNX Runtime ({@link HeadGraph}), a block of words at a time;
     *             the same scores up to float rounding
     */
    public RoughScorer(Weights w, boolean onnx) {
        bilinear = new Linear(w, WeightNames.ROUGH_BILINEAR);
        distance = w.has(WeightNames.ROUGH_DISTANCE) ? w.get(WeightNames.ROUGH_DISTANCE, 1).data() : null;
        prior = w.has(WeightNames.ROUGH_PRIOR) ? w.get(WeightNames.ROUGH_PRIOR, 1).data() : null;
        int d = bilinear.in;
        graph = !onnx ? null : new HeadGraph("the coarse scorer", new OnnxModelWriter("referent-coarse-scorer")
                .input("words", d)
                .input("earlier", d)
                .initializer("w", bilinear.transposed(), d, bilinear.out)
                .node("MatMul", "projected", "words", "w")
                .node("Transpose", "earlier_t", "earlier")
                .node("MatMul", "scores", "projected", "earlier_t")
                .output("scores", -1),
                new String[] {"words", "earlier"}, new int[] {d, d});
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
        }
    }

    Candidates topK(float[] u, int n, int d, int k, PairwiseFeatures features) {
        return topK(u, n, d, k, Integer.MAX_VALUE, features);
    }

    /**
     * The best {@code k} candidates of each word among the {@code maxDistance} words before it: the scores are
     * computed for those words only, so time and memory grow with the document times the bound, not with the
     * document squared. With every word of a document within the bound, the same candidates and scores as without.
     */
    public Candidates topK(float[] u, int n, int d, int k, int maxDistance, PairwiseFeatures features) {
        if (maxDistance < 1) {
            throw new IllegalArgumentException("maxDistance must be at least 1: " + maxDistance);
        }
        float[] projected = graph != null ? null : new float[d];
        // u transposed [d, n], so that row i of the scores is a sum of axpys over contiguous rows (Java path)
        float[] ut = graph != null ? null : new float[d * n];
        for (int j = 0; graph == null && j < n; j++) {
            for (int h = 0; h < d; h++) {
                ut[h * n + j] = u[j * d + h];
            }
        }
        int[][] antecedents = new int[n][];
        float[][] scores = new float[n][];
        float[] row = new float[Math.min(n, maxDistance)];
        // graph path: the scores of a block of words against all the earlier words any of them may link to
        float[] block = null;
        int blockStart = -1;
        int blockLo = 0;
        int blockCols = 0;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - maxDistance); // row[c] scores word lo + c
            int width = i - lo;
            int m = Math.min(k, width);
            if (graph != null) {
                if (blockStart < 0 || i >= blockStart + BLOCK) {
                    blockStart = i;
                    int end = Math.min(n, i + BLOCK);
                    blockLo = Math.max(0, i - maxDistance);
                    blockCols = end - 1 - blockLo;
                    if (blockCols > 0) {
                        float[] out = new float[(end - i) * blockCols];
                        graph.run(new float[][] {u, u}, new int[] {i, blockLo}, new int[] {end - i, blockCols},
                                result -> result.get(out));
                        block = out;
                    }
                }
                if (width > 0) {
                    System.arraycopy(block, (i - blockStart) * blockCols + (lo - blockLo), row, 0, width);
                }
            } else {
                java.util.Arrays.fill(row, 0, width, 0f);
                bilinear.applyNoBias(u, i * d, projected, 0);
                for (int h = 0; h < d; h++) {
                    Linear.axpy(projected[h], ut, h * n + lo, row, 0, width);
                }
            }
            for (int c = 0; c < width; c++) {
                int j = lo + c;
                if (prior != null) {
                    row[c] += prior[features.roughCategory(i, j)];
                } else if (distance != null) {
                    row[c] += distance[PairwiseFeatures.distanceBucket(i - j)];
                }
            }
            int[] best = selectTop(row, width, m);
            float[] bestScores = new float[m];
            for (int c = 0; c < m; c++) {
                bestScores[c] = row[best[c]];
                best[c] += lo;
            }
            antecedents[i] = best;
            scores[i] = bestScores;
        }
        return new Candidates(antecedents, scores);
    }

    /**
     * The coarse scores of word {@code i} with each of the earlier words {@code js}: the same sums in the same order,
     * and the same prior, as {@link #topK} computes for a pair, so a pair scored here scores exactly as it would there.
     */
    public float[] score(float[] u, int d, int i, int[] js, PairwiseFeatures features) {
        float[] projected = new float[d];
        bilinear.applyNoBias(u, i * d, projected, 0);
        float[] out = new float[js.length];
        for (int c = 0; c < js.length; c++) {
            int j = js[c];
            if (j < 0 || j >= i) {
                throw new IllegalArgumentException("candidate " + j + " of word " + i + " is not an earlier word");
            }
            float s = 0f;
            for (int h = 0; h < d; h++) {
                s += projected[h] * u[j * d + h];
            }
            if (prior != null) {
                s += prior[features.roughCategory(i, j)];
            } else if (distance != null) {
                s += distance[PairwiseFeatures.distanceBucket(i - j)];
            }
            out[c] = s;
        }
        return out;
    }

    /**
     * The candidates with {@code extra[i]} added to word i's (earlier words matched by other means, {@link
     * NameCandidates}), each with its coarse score ({@link #score}); a word already among the candidates is not added
     * twice. Each word's candidates stay in {@link #topK}'s order, best coarse score first and ties to the nearer
     * word, so the fine scorer and decoding treat an added candidate like any other. Words without extras keep
     * their arrays.
     */
    public Candidates addCandidates(Candidates candidates, int[][] extra, float[] u, int d, PairwiseFeatures features) {
        int n = candidates.antecedents().length;
        int[][] antecedents = candidates.antecedents().clone();
        float[][] scores = candidates.scores().clone();
        for (int i = 0; i < n; i++) {
            if (extra[i].length == 0) {
                continue;
            }
            int[] ants = antecedents[i];
            int[] fresh = java.util.Arrays.stream(extra[i]).distinct()
                    .filter(j -> java.util.Arrays.stream(ants).noneMatch(a -> a == j)).toArray();
            if (fresh.length == 0) {
                continue;
            }
            float[] freshScores = score(u, d, i, fresh, features);
            int m = ants.length + fresh.length;
            int[] allAnts = java.util.Arrays.copyOf(ants, m);
            System.arraycopy(fresh, 0, allAnts, ants.length, fresh.length);
            float[] allScores = java.util.Arrays.copyOf(scores[i], m);
            System.arraycopy(freshScores, 0, allScores, ants.length, fresh.length);
            Integer[] order = new Integer[m];
            for (int c = 0; c < m; c++) {
                order[c] = c;
            }
            // best first, ties to the nearer (larger) word, as selectTop orders them
            java.util.Arrays.sort(order, (a, b) -> allScores[a] != allScores[b]
                    ? Float.compare(allScores[b], allScores[a]) : Integer.compare(allAnts[b], allAnts[a]));
            int[] sortedAnts = new int[m];
            float[] sortedScores = new float[m];
            for (int c = 0; c < m; c++) {
                sortedAnts[c] = allAnts[order[c]];
                sortedScores[c] = allScores[order[c]];
            }
            antecedents[i] = sortedAnts;
            scores[i] = sortedScores;
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
