package dev.referent.model;

/** A dense layer y = W x + b with W stored [out, in]; applied row by row to row-major matrices. */
final class Linear {

    final int in;
    final int out;
    private final float[] w;
    private final float[] b;

    Linear(Weights weights, String name) {
        Weights.Tensor wt = weights.get(name + ".weight", 2);
        this.out = wt.dim(0);
        this.in = wt.dim(1);
        this.w = wt.data();
        this.b = weights.has(name + ".bias") ? weights.get(name + ".bias", 1).data() : null;
        if (b != null && b.length != out) {
            throw new IllegalArgumentException(name + ".bias has " + b.length + " values, expected " + out);
        }
    }

    /** {@code rows x in} -> {@code rows x out}. */
    float[] apply(float[] x, int rows) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            apply(x, r * in, y, r * out);
        }
        return y;
    }

    /** One row: x[xOff .. xOff+in) -> y[yOff .. yOff+out). */
    void apply(float[] x, int xOff, float[] y, int yOff) {
        for (int o = 0; o < out; o++) {
            float s = b == null ? 0f : b[o];
            int wo = o * in;
            for (int i = 0; i < in; i++) {
                s += w[wo + i] * x[xOff + i];
            }
            y[yOff + o] = s;
        }
    }

    /** One row without the bias. */
    void applyNoBias(float[] x, int xOff, float[] y, int yOff) {
        for (int o = 0; o < out; o++) {
            float s = 0f;
            int wo = o * in;
            for (int i = 0; i < in; i++) {
                s += w[wo + i] * x[xOff + i];
            }
            y[yOff + o] = s;
        }
    }

    float bias(int o) {
        return b == null ? 0f : b[o];
    }

    static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                x[i] = 0;
            }
        }
    }
}
