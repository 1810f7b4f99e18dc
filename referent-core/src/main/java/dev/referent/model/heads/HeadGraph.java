package dev.referent.model.heads;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A head's matrix products as a small ONNX graph, built at load time from the head's own weights, run on ONNX
 * Runtime's blocked kernels: one or two float inputs of free row counts, one output. The heads keep their Java
 * layers as the reference the parity tests compare with. Thread-safe: one session (concurrent runs are allowed),
 * each thread with its own reused native input buffers.
 */
final class HeadGraph implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String what;
    private final String[] inputs;
    private final int[] columns;
    private final ThreadLocal<FloatBuffer[]> buffers;

    /**
     * @param inputs the graph's inputs in the order {@link #run} takes them
     * @param columns each input's width
     */
    HeadGraph(String what, OnnxModelWriter graph, String[] inputs, int[] columns) {
        this.what = what;
        this.inputs = inputs.clone();
        this.columns = columns.clone();
        this.buffers = ThreadLocal.withInitial(() -> new FloatBuffer[inputs.length]);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // one thread a call: the heads' callers already work on the model's threads
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(graph.toByteArray(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot build the graph of " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the graph on the first {@code rows[k]} rows of each input {@code values[k]} and hands the output to
     * {@code reader} while it is valid.
     */
    void run(float[][] values, int[] rows, java.util.function.Consumer<FloatBuffer> reader) {
        run(values, new int[values.length], rows, reader);
    }

    /** As {@link #run(float[][], int[], java.util.function.Consumer)}, input k starting at row {@code firstRow[k]}. */
    void run(float[][] values, int[] firstRow, int[] rows, java.util.function.Consumer<FloatBuffer> reader) {
        FloatBuffer[] mine = buffers.get();
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (int k = 0; k < inputs.length; k++) {
                FloatBuffer b = filled(mine, k, values[k], firstRow[k] * columns[k], rows[k] * columns[k]);
                feed.put(inputs[k], OnnxTensor.createTensor(env, b, new long[] {rows[k], columns[k]}));
            }
            try (OrtSession.Result result = session.run(feed)) {
                reader.accept(((OnnxTensor) result.get(0)).getFloatBuffer());
            }
        } catch (OrtException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** {@code values[from, from + length)} in this thread's native buffer {@code slot}, positioned for reading. */
    private static FloatBuffer filled(FloatBuffer[] slots, int slot, float[] values, int from, int length) {
        FloatBuffer buffer = slots[slot];
        if (buffer == null || buffer.capacity() < length) {
            int capacity = Math.max(length, buffer == null ? 0 : buffer.capacity() * 2);
            buffer = java.nio.ByteBuffer.allocateDirect(capacity * 4).order(java.nio.ByteOrder.nativeOrder())
                    .asFloatBuffer();
            slots[slot] = buffer;
        }
        buffer.clear();
        buffer.put(values, from, length);
        buffer.flip();
        return buffer;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the session of " + what, e);
        }
    }
}
