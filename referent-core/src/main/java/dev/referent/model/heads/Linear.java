package dev.referent.model.heads;

/**
 * A dense layer y = W x + b (W stored [out, in] in the weights file). The weights are kept transposed so that each
 * input value is multiplied into a contiguous row of outputs (an axpy, which the JIT vectorises), and zero inputs
 * (after ReLU, and most pair features) are skipped.
 */
final class Linear {

    final int in;
    final int out;
    /** W transposed: [in, out]. */
    private final float[] wt;
    private final float[] b;

    Linear(Weights weights, String name) {
        Weights.Tensor wtensor = weights.get(WeightNames.weight(name), 2);
        this.out = wtensor.dim(0);
        this.in = wtensor.dim(1);
        float[] w = wtensor.data();
        this.wt = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                wt[i * out + o] = w[o * in + i];
            }
        }
        this.b = weights.has(WeightNames.bias(name)) ? weights.get(WeightNames.bias(name), 1).data() : null;
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
        if (b == null) {
            java.util.Arrays.fill(y, yOff, yOff + out, 0f);
        } else {
            System.arraycopy(b, 0, y, yOff, out);
        }
        accumulate(x, xOff, y, yOff);
    }

    /** One row without the bias. */
    void applyNoBias(float[] x, int xOff, float[] y, int yOff) {
        java.util.Arrays.fill(y, yOff, yOff + out, 0f);
        accumulate(x, xOff, y, yOff);
    }

    /** y += W x. */
    void accumulate(float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < in; i++) {
            float v = x[xOff + i];
            if (v == 0f) {
                continue;
            }
            axpy(v, wt, i * out, y, yOff, out);
        }
    }

    /** {@code y[r] = W x[r] + b} for {@code rows} rows stored one after another (see {@link #accumulateRows}). */
    void applyRows(float[] x, int rows, float[] y) {
        for (int r = 0; r < rows; r++) {
            if (b == null) {
                java.util.Arrays.fill(y, r * out, (r + 1) * out, 0f);
            } else {
                System.arraycopy(b, 0, y, r * out, out);
            }
        }
        accumulateRows(x, rows, y);
    }

    /**
     * {@code y[r] += W x[r]} for {@code rows} rows stored one after another ({@code x} [rows, in], {@code y}
     * [rows, out]). Input-major, four inputs at a time: each group of four weight rows is read once for all rows and
     * stays in the first-level cache, and each output row is loaded and stored once per four inputs.
     */
    void accumulateRows(float[] x, int rows, float[] y) {
        int i = 0;
        for (; i + 4 <= in; i += 4) {
            int w0 = i * out;
            int w1 = w0 + out;
            int w2 = w1 + out;
            int w3 = w2 + out;
            for (int r = 0; r < rows; r++) {
                int xr = r * in + i;
                float v0 = x[xr];
                float v1 = x[xr + 1];
                float v2 = x[xr + 2];
                float v3 = x[xr + 3];
                if (v0 == 0f && v1 == 0f && v2 == 0f && v3 == 0f) {
                    continue; // after a ReLU, whole groups are often zero
                }
                int yr = r * out;
                for (int o = 0; o < out; o++) {
                    y[yr + o] += v0 * wt[w0 + o] + v1 * wt[w1 + o] + v2 * wt[w2 + o] + v3 * wt[w3 + o];
                }
            }
        }
        for (; i < in; i++) {
            for (int r = 0; r < rows; r++) {
                float v = x[r * in + i];
                if (v != 0f) {
                    axpy(v, wt, i * out, y, r * out, out);
                }
            }
        }
    }

    /** W transposed, [in, out] row-major: the right-hand side of {@code x W} (shared, not copied). */
    float[] transposed() {
        return wt;
    }

    /** The bias, zeros when the layer has none. */
    float[] biasOrZeros() {
        return b == null ? new float[out] : b.clone();
    }

    float bias(int o) {
        return b == null ? 0f : b[o];
    }

    /** {@code y[yOff + i] += a * x[xOff + i]} for i in [0, n). */
    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    static void relu(float[] x) {
        relu(x, x.length);
    }

    /** ReLU over the first {@code length} values. */
    static void relu(float[] x, int length) {
        for (int i = 0; i < length; i++) {
            if (x[i] < 0) {
                x[i] = 0;
            }
        }
    }
}
