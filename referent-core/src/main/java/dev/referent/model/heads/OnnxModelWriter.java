package dev.referent.model.heads;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a small ONNX model (protobuf wire format) node by node, so that a head's matrix products can run on ONNX
 * Runtime's kernels: the heads' weights become initializers of a graph built at load time, and nothing but the
 * weights file travels with the model. Only what the heads need: float tensors, 2-D inputs with a free first
 * dimension, nodes without attributes (a Transpose then reverses the dimensions), opset 13.
 */
final class OnnxModelWriter {

    // field numbers of onnx.proto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET = 8;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW = 9;
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;
    private static final int FLOAT = 1;

    private final ByteArrayOutputStream graph = new ByteArrayOutputStream();
    private int nodes;

    OnnxModelWriter(String name) {
        string(graph, GRAPH_NAME, name);
    }

    /** A float input of shape [rows, columns] with a free number of rows. */
    OnnxModelWriter input(String name, int columns) {
        bytes(graph, GRAPH_INPUT, valueInfo(name, columns));
        return this;
    }

    /** A float output of shape [rows, columns]; {@code columns} &lt; 0: a free number of columns too. */
    OnnxModelWriter output(String name, int columns) {
        bytes(graph, GRAPH_OUTPUT, valueInfo(name, columns));
        return this;
    }

    /** A constant float tensor (row-major values). */
    OnnxModelWriter initializer(String name, float[] values, int... dims) {
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for shape of " + count);
        }
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        for (int d : dims) {
            varintField(t, TENSOR_DIMS, d);
        }
        varintField(t, TENSOR_TYPE, FLOAT);
        string(t, TENSOR_NAME, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        bytes(t, TENSOR_RAW, raw.array());
        bytes(graph, GRAPH_INITIALIZER, t.toByteArray());
        return this;
    }

    /** A node {@code op(inputs...) -> output}. */
    OnnxModelWriter node(String op, String output, String... inputs) {
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        for (String in : inputs) {
            string(n, NODE_INPUT, in);
        }
        string(n, NODE_OUTPUT, output);
        string(n, NODE_NAME, op.toLowerCase(java.util.Locale.ROOT) + "_" + nodes++);
        string(n, NODE_OP, op);
        bytes(graph, GRAPH_NODE, n.toByteArray());
        return this;
    }

    /** The serialized ModelProto. */
    byte[] toByteArray() {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        varintField(model, MODEL_IR_VERSION, 7);
        string(model, MODEL_PRODUCER, "referent");
        bytes(model, MODEL_GRAPH, graph.toByteArray());
        ByteArrayOutputStream opset = new ByteArrayOutputStream();
        varintField(opset, OPSET_VERSION, 13);
        bytes(model, MODEL_OPSET, opset.toByteArray());
        return model.toByteArray();
    }

    private static byte[] valueInfo(String name, int columns) {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        string(rows, DIM_PARAM, name + "_rows"); // each input's row count is its own
        ByteArrayOutputStream cols = new ByteArrayOutputStream();
        if (columns < 0) {
            string(cols, DIM_PARAM, name + "_columns");
        } else {
            varintField(cols, DIM_VALUE, columns);
        }
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        bytes(shape, SHAPE_DIM, rows.toByteArray());
        bytes(shape, SHAPE_DIM, cols.toByteArray());
        ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
        varintField(tensorType, TENSOR_TYPE_ELEM, FLOAT);
        bytes(tensorType, TENSOR_TYPE_SHAPE, shape.toByteArray());
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        bytes(type, TYPE_TENSOR, tensorType.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        string(info, VALUE_NAME, name);
        bytes(info, VALUE_TYPE, type.toByteArray());
        return info.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        bytes(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] payload) {
        varint(out, (long) field << 3 | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3);
        varint(out, value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
