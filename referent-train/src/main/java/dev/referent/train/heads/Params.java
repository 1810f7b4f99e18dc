package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.model.heads.WeightNames;
import dev.referent.model.heads.Weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The trainable tensors of the heads, by name, with seeded initialisation. Linear weights live here as [in, out]
 * (so that every product is {@code x.matMul(W)} and its result belongs to the step's manager) and are written to
 * {@link Weights} as [out, in], the layout the runtime reads.
 */
public final class Params {

    private final NDManager manager;
    private final Random random;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, Boolean> transposed = new LinkedHashMap<>();
    /** Dense layers {@link #load} may widen (more inputs than the model's); any other size mismatch is an error. */
    private final java.util.Set<String> widenable = new java.util.HashSet<>();

    public Params(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new Random(seed);
    }

    /** A dense layer's weight [in, out], Xavier-uniform, and optionally its zero bias. */
    public Dense dense(String name, int in, int out, boolean bias) {
        float limit = (float) Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (random.nextFloat() * 2 - 1) * limit;
        }
        NDArray weight = add(WeightNames.weight(name), manager.create(w, new Shape(in, out)), true);
        NDArray b = bias ? add(WeightNames.bias(name), manager.zeros(new Shape(out)), false) : null;
        return new Dense(weight, b);
    }

    /** A zero-initialised vector. */
    public NDArray zeros(String name, int size) {
        return add(name, manager.zeros(new Shape(size)), false);
    }

    /** A table of rows (embeddings), normal(0, 0.02). */
    public NDArray table(String name, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) random.nextGaussian() * 0.02f;
        }
        return add(name, manager.create(t, new Shape(rows, cols)), false);
    }

    /**
     * Lets {@link #load} start dense layer {@code name} from a model's layer with fewer inputs (the pair scorer's
     * feature layer when features are added): the model's weights for the old inputs, 0 for the new ones.
     */
    public void allowWider(String name) {
        widenable.add(WeightNames.weight(name));
    }

    /** A vector, normal(0, 0.02). */
    public NDArray vector(String name, int size) {
        float[] t = new float[size];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) random.nextGaussian() * 0.02f;
        }
        return add(name, manager.create(t, new Shape(size)), false);
    }

    /** Registers an array created elsewhere (a DJL block's parameter), exported as it is. */
    public NDArray external(String name, NDArray array) {
        return add(name, array, false);
    }

    private NDArray add(String name, NDArray array, boolean transposeOnExport) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter " + name);
        }
        array.setRequiresGradient(true);
        arrays.put(name, array);
        transposed.put(name, transposeOnExport);
        return array;
    }

    public Map<String, NDArray> arrays() {
        return arrays;
    }

    public long count() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** The current values in the runtime layout. */
    public Weights export() {
        Map<String, Weights.Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray a = e.getValue();
            float[] data = a.toFloatArray();
            long[] shape = a.getShape().getShape();
            if (transposed.get(e.getKey())) {
                int in = (int) shape[0];
                int outDim = (int) shape[1];
                out.put(e.getKey(), new Weights.Tensor(new int[] {outDim, in}, transpose(data, in, outDim)));
            } else {
                int[] s = new int[shape.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = (int) shape[i];
                }
                out.put(e.getKey(), new Weights.Tensor(s, data));
            }
        }
        return new Weights(out);
    }

    /**
     * Sets every parameter that {@code weights} holds (runtime layout) to its values there, to continue training
     * from a model; returns the names that were set. A dense layer allowed to grow ({@link #allowWider}) with more
     * inputs than the model's takes the model's weights for the old inputs and keeps 0 for the new ones, so it starts
     * as the model it continues.
     */
    public java.util.List<String> load(Weights weights) {
        java.util.List<String> set = new java.util.ArrayList<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            if (!weights.has(e.getKey())) {
                continue;
            }
            Weights.Tensor t = weights.tensors().get(e.getKey());
            NDArray a = e.getValue();
            long[] shape = a.getShape().getShape();
            if (widenable.contains(e.getKey()) && transposed.get(e.getKey()) && t.shape().length == 2 && shape.length == 2 && t.shape()[0] == shape[1]
                    && t.shape()[1] < shape[0]) {
                int out = (int) shape[1];
                float[] grown = new float[(int) (shape[0] * shape[1])];
                // the model's [out, inOld] into the first inOld rows of [inNew, out]
                System.arraycopy(transpose(t.data(), out, t.shape()[1]), 0, grown, 0, t.shape()[1] * out);
                a.set(grown);
                set.add(e.getKey());
                continue;
            }
            if (t.data().length != a.getShape().size()) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + a.getShape()
                        + ", the model's " + java.util.Arrays.toString(t.shape()));
            }
            float[] data = t.data();
            if (transposed.get(e.getKey())) {
                data = transpose(data, (int) shape[1], (int) shape[0]); // the runtime's [out, in] back to [in, out]
            }
            a.set(data);
            set.add(e.getKey());
        }
        return set;
    }

    /** A row-major [rows, cols] matrix as [cols, rows]. */
    private static float[] transpose(float[] data, int rows, int cols) {
        float[] t = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[r * cols + c];
            }
        }
        return t;
    }

    /** A dense layer: {@code x.matMul(W) + b}. */
    public record Dense(NDArray weight, NDArray bias) {
        public NDArray apply(NDArray x) {
            NDArray y = x.matMul(weight);
            return bias == null ? y : y.add(bias);
        }
    }
}
