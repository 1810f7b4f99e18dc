package dev.referent.model;

/**
 * A one-way LSTM layer with PyTorch's layout and gate order (input, forget, cell, output):
 * {@code NAME.i2h.weight [4h, in]}, {@code NAME.h2h.weight [4h, h]} and their biases.
 */
final class Lstm {

    private final float[] wIh;
    private final float[] wHh;
    private final float[] bias;
    final int in;
    final int hidden;

    Lstm(Weights w, String name) {
        Weights.Tensor ih = w.get(name + ".i2h.weight", 2);
        Weights.Tensor hh = w.get(name + ".h2h.weight", 2);
        hidden = hh.dim(1);
        in = ih.dim(1);
        if (ih.dim(0) != 4 * hidden || hh.dim(0) != 4 * hidden) {
            throw new IllegalArgumentException(name + ": LSTM weights do not have 4 gates of " + hidden);
        }
        wIh = ih.data();
        wHh = hh.data();
        bias = new float[4 * hidden];
        float[] b1 = w.get(name + ".i2h.bias", 1).data();
        float[] b2 = w.get(name + ".h2h.bias", 1).data();
        for (int k = 0; k < bias.length; k++) {
            bias[k] = b1[k] + b2[k];
        }
    }

    /**
     * Runs over {@code n} rows of {@code x} (row-major, {@code in} wide), forwards or backwards, and writes each
     * step's hidden state to {@code out} at column offset {@code outOffset} of rows {@code outWidth} wide.
     */
    void run(float[] x, int n, boolean reverse, float[] out, int outWidth, int outOffset) {
        int h4 = 4 * hidden;
        float[] h = new float[hidden];
        float[] c = new float[hidden];
        float[] gates = new float[h4];
        for (int s = 0; s < n; s++) {
            int t = reverse ? n - 1 - s : s;
            int xo = t * in;
            for (int g = 0; g < h4; g++) {
                float v = bias[g];
                int wi = g * in;
                for (int i = 0; i < in; i++) {
                    v += wIh[wi + i] * x[xo + i];
                }
                int wh = g * hidden;
                for (int j = 0; j < hidden; j++) {
                    v += wHh[wh + j] * h[j];
                }
                gates[g] = v;
            }
            for (int j = 0; j < hidden; j++) {
                float ig = sigmoid(gates[j]);
                float fg = sigmoid(gates[hidden + j]);
                float gg = (float) Math.tanh(gates[2 * hidden + j]);
                float og = sigmoid(gates[3 * hidden + j]);
                c[j] = fg * c[j] + ig * gg;
                h[j] = og * (float) Math.tanh(c[j]);
            }
            System.arraycopy(h, 0, out, t * outWidth + outOffset, hidden);
        }
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
