package dev.referent.model.heads;

/**
 * A one-way LSTM layer with PyTorch's layout and gate order (input, forget, cell, output):
 * {@code NAME.i2h.weight [4h, in]}, {@code NAME.h2h.weight [4h, h]} and their biases.
 */
final class Lstm {

    /** Weights transposed to [in, 4h] and [h, 4h]: each input value is multiplied into a contiguous row of gates. */
    private final float[] wIhT;
    private final float[] wHhT;
    private final float[] bias;
    final int in;
    final int hidden;

    Lstm(Weights w, String name) {
        Weights.Tensor ih = w.get(WeightNames.weight(WeightNames.lstmInput(name)), 2);
        Weights.Tensor hh = w.get(WeightNames.weight(WeightNames.lstmHidden(name)), 2);
        hidden = hh.dim(1);
        in = ih.dim(1);
        if (ih.dim(0) != 4 * hidden || hh.dim(0) != 4 * hidden) {
            throw new IllegalArgumentException(name + ": LSTM weights do not have 4 gates of " + hidden);
        }
        wIhT = transpose(ih.data(), 4 * hidden, in);
        wHhT = transpose(hh.data(), 4 * hidden, hidden);
        bias = new float[4 * hidden];
        float[] b1 = w.get(WeightNames.bias(WeightNames.lstmInput(name)), 1).data();
        float[] b2 = w.get(WeightNames.bias(WeightNames.lstmHidden(name)), 1).data();
        for (int k = 0; k < bias.length; k++) {
            bias[k] = b1[k] + b2[k];
        }
    }

    /** Words whose input gates are computed at once: memory stays a block's, whatever the document's length. */
    static final int BLOCK = 1024;

    /** Computes the input part of the gates, {@code b + W_ih x_t}, of {@code rows} words from {@code from} on. */
    @FunctionalInterface
    interface InputGates {
        /** Writes the gates of word {@code from + r} at row r of {@code pre} (4h wide). */
        void fill(int from, int rows, float[] pre);
    }

    /**
     * Runs over {@code n} rows of {@code x} (row-major, {@code in} wide), forwards or backwards, and writes each
     * step's hidden state to {@code out} at column offset {@code outOffset} of rows {@code outWidth} wide.
     */
    void run(float[] x, int n, boolean reverse, float[] out, int outWidth, int outOffset) {
        int h4 = 4 * hidden;
        run(n, reverse, (from, rows, pre) -> {
            for (int r = 0; r < rows; r++) {
                // b + W_ih x_t, as axpys over contiguous rows (the JIT vectorises those, not dot products)
                System.arraycopy(bias, 0, pre, r * h4, h4);
                int xo = (from + r) * in;
                for (int i = 0; i < in; i++) {
                    float v = x[xo + i];
                    if (v != 0f) {
                        Linear.axpy(v, wIhT, i * h4, pre, r * h4, h4);
                    }
                }
            }
        }, out, outWidth, outOffset);
    }

    /**
     * As {@link #run(float[], int, boolean, float[], int, int)}, with the input part of the gates from {@code inputs}
     * (ONNX Runtime at inference, see {@link #inputGraph}), a block of {@link #BLOCK} words at a time
     * in the run's direction; only the recurrent part is left to the sequential loop, its state carried from block
     * to block.
     */
    void run(int n, boolean reverse, InputGates inputs, float[] out, int outWidth, int outOffset) {
        int h4 = 4 * hidden;
        float[] pre = new float[Math.min(n, BLOCK) * h4];
        float[] h = new float[hidden];
        float[] c = new float[hidden];
        float[] gates = new float[h4];
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int k = 0; k < blocks; k++) {
            int from = (reverse ? blocks - 1 - k : k) * BLOCK;
            int rows = Math.min(n, from + BLOCK) - from;
            inputs.fill(from, rows, pre);
            for (int s = 0; s < rows; s++) {
                int r = reverse ? rows - 1 - s : s;
                System.arraycopy(pre, r * h4, gates, 0, h4);
                step(gates, h, c);
                System.arraycopy(h, 0, out, (from + r) * outWidth + outOffset, hidden);
            }
        }
    }

    /** One step: adds W_hh h to the gates, then updates the cell {@code c} and the hidden state {@code h}. */
    private void step(float[] gates, float[] h, float[] c) {
        int h4 = 4 * hidden;
        for (int j = 0; j < hidden; j++) {
            float v = h[j];
            if (v != 0f) {
                Linear.axpy(v, wHhT, j * h4, gates, 0, h4);
            }
        }
        for (int j = 0; j < hidden; j++) {
            float ig = sigmoid(gates[j]);
            float fg = sigmoid(gates[hidden + j]);
            float gg = tanh(gates[2 * hidden + j]);
            float og = sigmoid(gates[3 * hidden + j]);
            c[j] = fg * c[j] + ig * gg;
            h[j] = og * tanh(c[j]);
        }
    }

    /** {@code b + W_ih x}, the input part of the gates of many words at once, [words, 4h] on ONNX Runtime. */
    HeadGraph inputGraph(String direction) {
        int gates = 4 * hidden;
        return new HeadGraph("the " + direction + " LSTM's input gates", new OnnxModelWriter("referent-lstm-inputs")
                .input("u", in)
                .initializer("w", wIhT, in, gates)
                .initializer("b", bias, gates)
                .node("MatMul", "p", "u", "w")
                .node("Add", "gates", "p", "b")
                .output("gates", gates),
                new String[] {"u"}, new int[] {in});
    }

    /**
     * As {@link #run(float[], int, boolean, float[], int, int)}, the input gates from {@code inputs} (this LSTM's
     * {@link #inputGraph}) when it is not null.
     */
    void run(float[] x, int n, boolean reverse, HeadGraph inputs, float[] out, int outWidth, int outOffset) {
        if (inputs == null) {
            run(x, n, reverse, out, outWidth, outOffset);
            return;
        }
        int h4 = 4 * hidden;
        run(n, reverse, (from, rows, pre) -> inputs.run(new float[][] {x}, new int[] {from}, new int[] {rows},
                gates -> gates.get(pre, 0, rows * h4)), out, outWidth, outOffset);
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    /**
     * tanh through {@link Math#exp}, which the JIT compiles to an intrinsic, where Java 17's {@link Math#tanh} runs
     * the portable library routine: a third of the LSTMs' time went there. Equal to {@code Math.tanh} within a few
     * float ulps, and saturating cleanly (exp overflows to infinity, giving exactly +-1).
     */
    private static float tanh(float v) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * v) + 1.0));
    }
}
