package dev.referent.model.heads;

import dev.referent.model.Cancellation;

/**
 * Fine antecedent scorer over the coarse candidates: a feed-forward network over both words, their element-wise
 * product and the {@link PairwiseFeatures}. The first layer is split by input block so that the per-word parts are
 * computed once per word rather than once per pair.
 */
public final class AnaphoricityScorer implements AutoCloseable {

    private final Linear a;
    private final Linear b;
    private final Linear c;
    private final Linear e;
    private final Linear hidden;
    private final Linear out;
    /**
     * The dense products on ONNX Runtime: the product block of the first layer, the hidden layer and the output;
     * null: the Java layers (the reference the parity test compares with).
     */
    private final HeadGraph graph;
    /** Each thread's pair inputs for the graph ([products, base]), reused across blocks of words. */
    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    /** The scorer with its layers in Java (training's parity tests compare against these). */
    public AnaphoricityScorer(Weights w) {
        this(w, false);
    }

    /**
     * @param onnx whether the matrix products run on ONNX Runtime ({@link HeadGraph}), several times faster than
     *             the Java layers on the same weights, with scores equal up to float rounding
     */
    public AnaphoricityScorer(Weights w, boolean onnx) {
        a = new Linear(w, WeightNames.PAIR_ANAPHOR);
        b = new Linear(w, WeightNames.PAIR_ANTECEDENT);
        c = new Linear(w, WeightNames.PAIR_PRODUCT);
        e = new Linear(w, WeightNames.PAIR_FEATURES);
        hidden = new Linear(w, WeightNames.PAIR_HIDDEN);
        out = new Linear(w, WeightNames.PAIR_OUT);
        if (e.in != PairwiseFeatures.SIZE && e.in != PairwiseFeatures.SIZE + PairwiseFeatures.SYNTAX_SIZE) {
            throw new IllegalArgumentException("model expects " + e.in + " pair features, code has "
                    + PairwiseFeatures.SIZE + " (" + (PairwiseFeatures.SIZE + PairwiseFeatures.SYNTAX_SIZE)
                    + " with the syntax head's)");
        }
        graph = onnx ? graph(c, hidden, out) : null;
    }

    /** Whether the scorer reads the syntax head's pair features (its feature layer is that much wider). */
    public boolean readsSyntax() {
        return e.in != PairwiseFeatures.SIZE;
    }

    /** scores = relu(relu(products C + base) H + b_H) O + b_O, where base holds the first layer's other terms. */
    private static HeadGraph graph(Linear product, Linear hidden, Linear out) {
        int d = product.in;
        int h = product.out;
        return new HeadGraph("the pair scorer", new OnnxModelWriter("referent-pair-scorer")
                .input("products", d)
                .input("base", h)
                .initializer("c", product.transposed(), d, h)
                .initializer("hidden_w", hidden.transposed(), hidden.in, hidden.out)
                .initializer("hidden_b", hidden.biasOrZeros(), hidden.out)
                .initializer("out_w", out.transposed(), out.in, out.out)
                .initializer("out_b", out.biasOrZeros(), out.out)
                .node("MatMul", "cp", "products", "c")
                .node("Add", "z1", "cp", "base")
                .node("Relu", "r1", "z1")
                .node("MatMul", "hp", "r1", "hidden_w")
                .node("Add", "z2", "hp", "hidden_b")
                .node("Relu", "r2", "z2")
                .node("MatMul", "op", "r2", "out_w")
                .node("Add", "scores", "op", "out_b")
                .output("scores", out.out),
                new String[] {"products", "base"}, new int[] {d, h});
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
        }
    }

    /** Fine scores of every candidate pair, same layout as {@code candidates.antecedents()}. */
    float[][] score(float[] u, int n, int d, RoughScorer.Candidates candidates, PairwiseFeatures features) {
        return score(u, n, d, candidates, features, null, Cancellation.NONE);
    }

    /**
     * Fine scores of every candidate pair, same layout as {@code candidates.antecedents()}; blocks of words are
     * scored in parallel on {@code pool} when one is given (the result does not depend on it).
     */
    public float[][] score(float[] u, int n, int d, RoughScorer.Candidates candidates, PairwiseFeatures features,
                    java.util.concurrent.ForkJoinPool pool, Cancellation cancellation) {
        if (features.size() != e.in) {
            throw new IllegalArgumentException("the pair scorer reads " + e.in + " features per pair, given "
                    + features.size() + (readsSyntax() ? " (it needs the syntax head's analysis)" : ""));
        }
        int h = a.out;
        float[] pa = a.apply(u, n);
        float[] pb = new float[n * h];
        for (int i = 0; i < n; i++) {
            b.applyNoBias(u, i * d, pb, i * h);
        }
        float[][] scores = new float[n][];
        int block = 32;
        int blocks = (n + block - 1) / block;
        java.util.function.IntConsumer scoreBlock = bl -> {
            cancellation.check();
            if (graph != null) {
                scoreWordsOnGraph(bl * block, Math.min(n, (bl + 1) * block), u, d, pa, pb, candidates, features,
                        scores);
            } else {
                scoreWords(bl * block, Math.min(n, (bl + 1) * block), u, d, pa, pb, candidates, features, scores);
            }
        };
        if (pool == null || blocks < 2) {
            for (int bl = 0; bl < blocks; bl++) {
                scoreBlock.accept(bl);
            }
        } else {
            pool.submit(() -> java.util.stream.IntStream.range(0, blocks).parallel().forEach(scoreBlock)).join();
        }
        return scores;
    }

    /**
     * Scores all candidate pairs of words {@code [from, to)} in one call of the {@link PairGraph}: the per-word
     * projections and the sparse pair features are added up here, the dense products there.
     */
    private void scoreWordsOnGraph(int from, int to, float[] u, int d, float[] pa, float[] pb,
                                   RoughScorer.Candidates candidates, PairwiseFeatures features, float[][] scores) {
        int h = a.out;
        int rows = 0;
        for (int i = from; i < to; i++) {
            rows += candidates.antecedents()[i].length;
        }
        if (rows == 0) {
            for (int i = from; i < to; i++) {
                scores[i] = new float[0];
            }
            return;
        }
        float[][] mine = scratch.get();
        if (mine[0].length < rows * d || mine[1].length < rows * h) {
            mine[0] = new float[Math.max(rows * d, mine[0].length * 2)];
            mine[1] = new float[Math.max(rows * h, mine[1].length * 2)];
        }
        float[] products = mine[0];
        float[] base = mine[1];
        float[] phi = new float[e.in];
        int row = 0;
        for (int i = from; i < to; i++) {
            for (int j : candidates.antecedents()[i]) {
                pairInputs(i, j, u, d, pa, pb, features, phi, products, base, row++);
            }
        }
        int total = rows;
        graph.run(new float[][] {products, base}, new int[] {total, total}, out -> {
            for (int i = from; i < to; i++) {
                scores[i] = new float[candidates.antecedents()[i].length];
                out.get(scores[i]);
            }
        });
    }

    /**
     * Row {@code row} of the first layer's inputs for the pair (i, j): the element-wise product {@code u_i * u_j}
     * (to go through c) in {@code products}, and the other terms {@code a u_i + b u_j + e phi} (the per-word parts
     * precomputed in {@code pa}, {@code pb}) in {@code base}.
     */
    private void pairInputs(int i, int j, float[] u, int d, float[] pa, float[] pb, PairwiseFeatures features,
                            float[] phi, float[] products, float[] base, int row) {
        int h = a.out;
        for (int t = 0; t < d; t++) {
            products[row * d + t] = u[i * d + t] * u[j * d + t];
        }
        System.arraycopy(pa, i * h, base, row * h, h);
        Linear.axpy(1f, pb, j * h, base, row * h, h);
        features.fill(i, j, phi, 0);
        e.accumulate(phi, 0, base, row * h);
    }

    /**
     * Scores the candidates of each word together, layer by layer over all of them (see
     * {@link Linear#accumulateRows}), rather than one pair at a time through both layers.
     */
    private void scoreWords(int from, int to, float[] u, int d, float[] pa, float[] pb, RoughScorer.Candidates candidates,
                            PairwiseFeatures features, float[][] scores) {
        int h = a.out;
        int h2 = hidden.out;
        int most = 0;
        for (int i = from; i < to; i++) {
            most = Math.max(most, candidates.antecedents()[i].length);
        }
        float[] products = new float[most * d];
        float[] phi = new float[e.in];
        float[] z = new float[most * h];
        float[] z2 = new float[most * h2];
        float[] s = new float[1];
        for (int i = from; i < to; i++) {
            int[] ants = candidates.antecedents()[i];
            int m = ants.length;
            for (int k = 0; k < m; k++) {
                pairInputs(i, ants[k], u, d, pa, pb, features, phi, products, z, k);
            }
            c.accumulateRows(products, m, z);
            Linear.relu(z, m * h);
            hidden.applyRows(z, m, z2);
            Linear.relu(z2, m * h2);
            scores[i] = new float[m];
            for (int k = 0; k < m; k++) {
                out.apply(z2, k * h2, s, 0);
                scores[i][k] = s[0];
            }
        }
    }
}
