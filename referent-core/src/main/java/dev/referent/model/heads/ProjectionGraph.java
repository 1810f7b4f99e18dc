package dev.referent.model.heads;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The word head's projection {@code u = proj2(relu(proj1 x))} on ONNX Runtime, for all the words a window completes
 * in one call (the {@link WordHead} keeps the Java layers as the reference). Thread-safe.
 */
final class ProjectionGraph implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int in;
    private final int out;
    private final ThreadLocal<FloatBuffer[]> buffers = ThreadLocal.withInitial(() -> new FloatBuffer[1]);

    ProjectionGraph(Linear proj1, Linear proj2) {
        this.in = proj1.in;
        this.out = proj2.out;
        this.session = PairGraph.session(env, "the word projection", new OnnxModelWriter("referent-word-projection")
                .input("x", in)
                .initializer("w1", proj1.transposed(), proj1.in, proj1.out)
                .initializer("b1", proj1.biasOrZeros(), proj1.out)
                .initializer("w2", proj2.transposed(), proj2.in, proj2.out)
                .initializer("b2", proj2.biasOrZeros(), proj2.out)
                .node("MatMul", "p1", "x", "w1")
                .node("Add", "z1", "p1", "b1")
                .node("Relu", "r1", "z1")
                .node("MatMul", "p2", "r1", "w2")
                .node("Add", "u", "p2", "b2")
                .output("u", out)
                .toByteArray());
    }

    /** Projects the first {@code rows} vectors of {@code x} (rows x in) into rows {@code wordOfRow[r]} of {@code u}. */
    void project(float[] x, int rows, int[] wordOfRow, float[] u) {
        FloatBuffer input = PairGraph.filled(buffers.get(), 0, x, rows * in);
        try (OnnxTensor t = OnnxTensor.createTensor(env, input, new long[] {rows, in});
             OrtSession.Result result = session.run(Map.of("x", t))) {
            FloatBuffer projected = ((OnnxTensor) result.get(0)).getFloatBuffer();
            for (int r = 0; r < rows; r++) {
                projected.get(r * out, u, wordOfRow[r] * out, out);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("word projection failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the word projection's session", e);
        }
    }
}
