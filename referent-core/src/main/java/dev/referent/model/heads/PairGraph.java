package dev.referent.model.heads;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The fine pair scorer's matrix products on ONNX Runtime: the rest of its first layer (the element-wise products'
 * block), the hidden layer and the output, for many pairs in one call, on the runtime's blocked matrix kernels
 * instead of the JIT's loops. The graph is built at load time from the same weights as the Java layers
 * ({@link AnaphoricityScorer} keeps those as the reference the parity test compares against), so the model files are
 * unchanged. Thread-safe (one session; ONNX Runtime allows concurrent runs).
 */
final class PairGraph implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final int d;
    private final int h;
    /** Each thread's input buffers in native memory, reused across calls (grown as needed): no copy, no garbage. */
    private final ThreadLocal<FloatBuffer[]> buffers = ThreadLocal.withInitial(() -> new FloatBuffer[2]);

    PairGraph(Linear product, Linear hidden, Linear out) {
        this.d = product.in;
        this.h = product.out;
        this.env = OrtEnvironment.getEnvironment();
        this.session = session(env, "the pair scorer", new OnnxModelWriter("referent-pair-scorer")
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
                .output("scores", out.out)
                .toByteArray());
    }

    /** A session of one thread a call: the heads' callers already work on the model's threads. */
    static OrtSession session(OrtEnvironment env, String what, byte[] model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot build the graph of " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Scores {@code rows} pairs: {@code products} [rows, d] the element-wise products of the two words' vectors,
     * {@code base} [rows, h] the first layer's other terms (both words' projections, the pair features, the bias).
     */
    float[] score(float[] products, float[] base, int rows) {
        FloatBuffer[] mine = buffers.get();
        FloatBuffer p = filled(mine, 0, products, rows * d);
        FloatBuffer b = filled(mine, 1, base, rows * h);
        try (OnnxTensor pt = OnnxTensor.createTensor(env, p, new long[] {rows, d});
             OnnxTensor bt = OnnxTensor.createTensor(env, b, new long[] {rows, h});
             OrtSession.Result result = session.run(Map.of("products", pt, "base", bt))) {
            FloatBuffer scores = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[rows];
            scores.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("pair scorer failed: " + e.getMessage(), e);
        }
    }

    /** {@code values[0, length)} in this thread's native buffer {@code slot}, positioned for reading. */
    static FloatBuffer filled(FloatBuffer[] slots, int slot, float[] values, int length) {
        FloatBuffer buffer = slots[slot];
        if (buffer == null || buffer.capacity() < length) {
            int capacity = Math.max(length, buffer == null ? 0 : buffer.capacity() * 2);
            buffer = java.nio.ByteBuffer.allocateDirect(capacity * 4).order(java.nio.ByteOrder.nativeOrder())
                    .asFloatBuffer();
            slots[slot] = buffer;
        }
        buffer.clear();
        buffer.put(values, 0, length);
        buffer.flip();
        return buffer;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the pair scorer's session", e);
        }
    }
}
