package dev.referent.model.encoder;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The few ONNX protobuf operations the encoder needs, on the serialized model bytes: list the graph's nodes, read
 * and replace initializers (fine-tuned encoder layers, see {@link EncoderLayers}) and
 * expose intermediate tensors as extra graph outputs. The shipped encoders only output their last layer, which a
 * sentence-embedding model has trained towards its pooled vector; the middle layers keep far more word-level
 * information (part of speech, identity), so the encoder reads those too.
 *
 * <p>Wire format (protobuf): ModelProto field 7 is the GraphProto; in it field 1 is a NodeProto (field 2: output
 * names, field 4: op type) and field 12 a graph output (ValueInfoProto, field 1: name).
 */
public final class OnnxGraph {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;

    /** A node of the graph: its operator and the names of the tensors it produces. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {
    }

    private OnnxGraph() {
    }

    /** The graph's nodes in file order (a valid ONNX graph lists them in topological order). */
    public static List<Node> nodes(byte[] model) {
        Field graph = find(model, 0, model.length, MODEL_GRAPH);
        List<Node> nodes = new ArrayList<>();
        int pos = graph.start;
        while (pos < graph.end) {
            Field f = Field.read(graph.bytes, pos);
            if (f.number == GRAPH_NODE && f.wireType == 2) {
                String op = "";
                String name = "";
                List<String> inputs = new ArrayList<>();
                List<String> outputs = new ArrayList<>();
                int p = f.start;
                while (p < f.end) {
                    Field g = Field.read(f.bytes, p);
                    if (g.number == NODE_INPUT && g.wireType == 2) {
                        inputs.add(g.string());
                    } else if (g.number == NODE_OUTPUT && g.wireType == 2) {
                        outputs.add(g.string());
                    } else if (g.number == NODE_NAME && g.wireType == 2) {
                        name = g.string();
                    } else if (g.number == NODE_OP_TYPE && g.wireType == 2) {
                        op = g.string();
                    }
                    p = g.next;
                }
                nodes.add(new Node(name, op, List.copyOf(inputs), List.copyOf(outputs)));
            }
            pos = f.next;
        }
        return nodes;
    }

    /**
     * The outputs of the transformer layers, embeddings first: the tensor after each layer's final layer
     * normalization. The exported graphs spell a layer normalization out as {@code Add(Mul(Div(x - mean,
     * Sqrt(var + eps)), gamma), beta)}; each encoder layer has two (after attention, after the feed-forward block),
     * so the layer outputs are every second one after the embeddings' own.
     */
    public static List<String> layerOutputs(byte[] model) {
        List<Node> nodes = nodes(model);
        java.util.Map<String, List<Node>> consumers = new java.util.HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        List<String> norms = new ArrayList<>();
        for (Node n : nodes) {
            if (n.opType().equals("Sqrt") && n.outputs().size() == 1) {
                Node div = only(consumers, n.outputs().get(0), "Div");
                Node mul = div == null ? null : only(consumers, div.outputs().get(0), "Mul");
                Node add = mul == null ? null : only(consumers, mul.outputs().get(0), "Add");
                if (add != null) {
                    norms.add(add.outputs().get(0));
                }
            }
        }
        if (norms.size() < 3 || norms.size() % 2 != 1) {
            throw new IllegalArgumentException("not a BERT-style encoder graph: " + norms.size()
                    + " layer normalizations (expected 1 + 2 per layer)");
        }
        List<String> layers = new ArrayList<>();
        layers.add(norms.get(0));
        for (int i = 2; i < norms.size(); i += 2) {
            layers.add(norms.get(i));
        }
        return layers;
    }

    private static Node only(java.util.Map<String, List<Node>> consumers, String tensor, String opType) {
        List<Node> users = consumers.getOrDefault(tensor, List.of());
        for (Node u : users) {
            if (u.opType().equals(opType) && u.outputs().size() == 1) {
                return u;
            }
        }
        return null;
    }

    /** The model with {@code names} appended to the graph outputs (type left for the runtime to infer). */
    public static byte[] withOutputs(byte[] model, List<String> names) {
        Field graph = find(model, 0, model.length, MODEL_GRAPH);
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        for (String name : names) {
            byte[] valueInfo = lengthDelimited(1, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            extra.writeBytes(lengthDelimited(GRAPH_OUTPUT, valueInfo));
        }
        byte[] added = extra.toByteArray();
        int graphLength = graph.end - graph.start + added.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + added.length + 16);
        out.write(model, 0, graph.keyStart);
        writeVarint(out, (MODEL_GRAPH << 3) | 2);
        writeVarint(out, graphLength);
        out.write(model, graph.start, graph.end - graph.start);
        out.writeBytes(added);
        out.write(model, graph.end, model.length - graph.end);
        return out.toByteArray();
    }

    /** An initializer's data type (ONNX TensorProto.DataType), shape and little-endian bytes. */
    public record Initializer(String name, int dataType, long[] dims, byte[] data) {

        public static final int FLOAT = 1;
        public static final int INT8 = 3;

        /** The values of a FLOAT initializer. */
        public float[] floats() {
            if (dataType != FLOAT) {
                throw new IllegalStateException("initializer " + name + " has data type " + dataType + ", not FLOAT");
            }
            float[] v = new float[data.length / 4];
            java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }

        public static Initializer ofFloats(String name, long[] dims, float[] values) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Initializer(name, FLOAT, dims, b.array());
        }

        /** The protobuf bytes (TensorProto: dims, data_type, name, raw_data). */
        byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
            for (long d : dims) {
                writeVarint(out, TENSOR_DIMS << 3);
                writeVarint(out, d);
            }
            writeVarint(out, TENSOR_DATA_TYPE << 3);
            writeVarint(out, dataType);
            out.writeBytes(lengthDelimited(TENSOR_NAME, name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            out.writeBytes(lengthDelimited(TENSOR_RAW_DATA, data));
            return out.toByteArray();
        }
    }

    /**
     * The graph's initializers with the given names (all of them when {@code names} is null). Values stored in the
     * typed fields rather than {@code raw_data} are read for FLOAT (float_data) and the 8-bit types (int32_data).
     */
    public static java.util.Map<String, Initializer> initializers(byte[] model, java.util.Set<String> names) {
        Field graph = find(model, 0, model.length, MODEL_GRAPH);
        java.util.Map<String, Initializer> found = new java.util.LinkedHashMap<>();
        int pos = graph.start;
        while (pos < graph.end) {
            Field f = Field.read(graph.bytes, pos);
            if (f.number == GRAPH_INITIALIZER && f.wireType == 2) {
                String name = tensorName(f);
                if (names == null || names.contains(name)) {
                    found.put(name, decodeTensor(f, name));
                }
            }
            pos = f.next;
        }
        return found;
    }

    /** The model with the named initializers replaced; every replacement must name an existing initializer. */
    public static byte[] withInitializers(byte[] model, java.util.Collection<Initializer> replacements) {
        java.util.Map<String, Initializer> byName = new java.util.HashMap<>();
        for (Initializer r : replacements) {
            byName.put(r.name(), r);
        }
        Field graph = find(model, 0, model.length, MODEL_GRAPH);
        ByteArrayOutputStream body = new ByteArrayOutputStream(graph.end - graph.start);
        java.util.Set<String> replaced = new java.util.HashSet<>();
        int pos = graph.start;
        while (pos < graph.end) {
            Field f = Field.read(graph.bytes, pos);
            Initializer r = f.number == GRAPH_INITIALIZER && f.wireType == 2 ? byName.get(tensorName(f)) : null;
            if (r != null) {
                body.writeBytes(lengthDelimited(GRAPH_INITIALIZER, r.encode()));
                replaced.add(r.name());
            } else {
                body.write(model, f.keyStart, f.next - f.keyStart);
            }
            pos = f.next;
        }
        if (replaced.size() != byName.size()) {
            java.util.Set<String> missing = new java.util.TreeSet<>(byName.keySet());
            missing.removeAll(replaced);
            throw new IllegalArgumentException("the encoder graph has no initializer named " + missing);
        }
        byte[] graphBytes = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64);
        out.write(model, 0, graph.keyStart);
        out.writeBytes(lengthDelimited(MODEL_GRAPH, graphBytes));
        out.write(model, graph.end, model.length - graph.end);
        return out.toByteArray();
    }

    private static String tensorName(Field tensor) {
        int p = tensor.start;
        while (p < tensor.end) {
            Field g = Field.read(tensor.bytes, p);
            if (g.number == TENSOR_NAME && g.wireType == 2) {
                return g.string();
            }
            p = g.next;
        }
        return "";
    }

    private static Initializer decodeTensor(Field tensor, String name) {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        byte[] raw = null;
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        int p = tensor.start;
        while (p < tensor.end) {
            Field g = Field.read(tensor.bytes, p);
            if (g.number == TENSOR_DIMS) {
                if (g.wireType == 0) {
                    dims.add(Field.varint(g.bytes, g.start)[0]);
                } else {
                    for (int q = g.start; q < g.end; ) {
                        long[] v = Field.varint(g.bytes, q);
                        dims.add(v[0]);
                        q = (int) v[1];
                    }
                }
            } else if (g.number == TENSOR_DATA_TYPE && g.wireType == 0) {
                dataType = (int) Field.varint(g.bytes, g.start)[0];
            } else if (g.number == TENSOR_RAW_DATA && g.wireType == 2) {
                raw = java.util.Arrays.copyOfRange(g.bytes, g.start, g.end);
            } else if (g.number == TENSOR_FLOAT_DATA) {
                if (g.wireType == 5) {
                    typed.write(g.bytes, g.start, 4);
                } else {
                    typed.write(g.bytes, g.start, g.end - g.start); // packed little-endian floats
                }
            } else if (g.number == TENSOR_INT32_DATA) {
                if (g.wireType == 0) {
                    typed.write((int) Field.varint(g.bytes, g.start)[0]);
                } else {
                    for (int q = g.start; q < g.end; ) {
                        long[] v = Field.varint(g.bytes, q);
                        typed.write((int) v[0]); // 8-bit types keep one byte per value
                        q = (int) v[1];
                    }
                }
            }
            p = g.next;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new Initializer(name, dataType, shape, raw != null ? raw : typed.toByteArray());
    }

    private static Field find(byte[] bytes, int from, int to, int number) {
        int pos = from;
        while (pos < to) {
            Field f = Field.read(bytes, pos);
            if (f.number == number && f.wireType == 2) {
                return f;
            }
            pos = f.next;
        }
        throw new IllegalArgumentException("not an ONNX model: no field " + number);
    }

    private static byte[] lengthDelimited(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        writeVarint(out, (number << 3) | 2);
        writeVarint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** One protobuf field: its number, wire type, payload range (length-delimited) and where the next one starts. */
    private record Field(byte[] bytes, int keyStart, int number, int wireType, int start, int end, int next) {

        static Field read(byte[] b, int pos) {
            int keyStart = pos;
            long[] v = varint(b, pos);
            int number = (int) (v[0] >>> 3);
            int wire = (int) (v[0] & 7);
            pos = (int) v[1];
            switch (wire) {
                case 0 -> {
                    long[] x = varint(b, pos);
                    return new Field(b, keyStart, number, wire, pos, (int) x[1], (int) x[1]);
                }
                case 1 -> {
                    return new Field(b, keyStart, number, wire, pos, pos + 8, pos + 8);
                }
                case 2 -> {
                    long[] len = varint(b, pos);
                    int start = (int) len[1];
                    long end = start + len[0];
                    if (len[0] < 0 || end > b.length) {
                        throw new IllegalArgumentException("corrupt ONNX model: field " + number + " at byte " + keyStart
                                + " runs past the end");
                    }
                    return new Field(b, keyStart, number, wire, start, (int) end, (int) end);
                }
                case 5 -> {
                    return new Field(b, keyStart, number, wire, pos, pos + 4, pos + 4);
                }
                default -> throw new IllegalArgumentException("corrupt ONNX model: wire type " + wire + " at byte "
                        + keyStart);
            }
        }

        String string() {
            return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static long[] varint(byte[] b, int pos) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= b.length) {
                    throw new IllegalArgumentException("corrupt ONNX model: truncated varint");
                }
                byte x = b[pos++];
                value |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return new long[] {value, pos};
                }
            }
            throw new IllegalArgumentException("corrupt ONNX model: varint too long at byte " + pos);
        }
    }
}
