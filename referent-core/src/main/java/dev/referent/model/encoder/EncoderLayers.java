package dev.referent.model.encoder;

import dev.referent.model.heads.WeightNames;
import dev.referent.model.heads.Weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuned transformer layers carried by a model: reads a layer's parameters from an encoder graph (to start
 * training from them) and writes tuned ones back into a graph before ONNX Runtime loads it, so inference stays on
 * ONNX Runtime with the shipped graph's structure.
 *
 * <p>Parameters are named as in the Hugging Face BERT checkpoint the graphs were exported from
 * ({@code encoder.layer.5.attention.self.query.weight}); weights are [in, out], the layout of the graph's MatMul
 * operand. Biases and layer-norm vectors keep those names in the graphs; a weight is found through the MatMul (fp32
 * graph) or MatMulInteger (int8 graph) node of its projection. In an int8 graph a tuned weight is quantized as the
 * graph's own weights are: int8, symmetric (zero point 0), one scale per output column, the graph's value range.
 */
public final class EncoderLayers {

    /** The six projections of a BERT layer, as they appear in parameter names and (with '/') in node names. */
    public static final List<String> PROJECTIONS = List.of("attention.self.query", "attention.self.key",
            "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense");

    /** The layer-norm vectors of a BERT layer. */
    public static final List<String> NORMS = List.of("attention.output.LayerNorm", "output.LayerNorm");

    private static final String PREFIX = WeightNames.ENCODER_LAYER;

    private EncoderLayers() {
    }

    /** Whether a model parameter name belongs to a tuned encoder layer. */
    public static boolean isEncoderParameter(String name) {
        return name.startsWith(PREFIX);
    }

    /** The fp32 parameters of layer {@code layer} of a (non-quantized) encoder graph, by parameter name. */
    public static Map<String, Weights.Tensor> read(byte[] graph, int layer) {
        Map<String, String> initializerOf = initializerNames(OnnxGraph.nodes(graph), layer);
        Map<String, OnnxGraph.Initializer> found = OnnxGraph.initializers(graph, new java.util.HashSet<>(initializerOf.values()));
        Map<String, Weights.Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : initializerOf.entrySet()) {
            OnnxGraph.Initializer init = found.get(e.getValue());
            if (init == null) {
                throw new IllegalArgumentException("encoder graph has no fp32 initializer " + e.getValue() + " for "
                        + e.getKey() + " (a quantized graph cannot be fine-tuned; use its fp32 twin)");
            }
            int[] shape = new int[init.dims().length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) init.dims()[i];
            }
            out.put(e.getKey(), new Weights.Tensor(shape, init.floats()));
        }
        return out;
    }

    /**
     * The graph with the given encoder parameters written into it; names that are not encoder parameters are
     * ignored, so a model's whole weight set can be passed.
     */
    public static byte[] apply(byte[] graph, Weights weights) {
        Map<Integer, List<String>> byLayer = new java.util.TreeMap<>();
        for (String name : weights.tensors().keySet()) {
            if (isEncoderParameter(name)) {
                byLayer.computeIfAbsent(layerOf(name), k -> new ArrayList<>()).add(name);
            }
        }
        if (byLayer.isEmpty()) {
            return graph;
        }
        List<OnnxGraph.Node> nodes = OnnxGraph.nodes(graph);
        Map<String, String> initializerOf = new LinkedHashMap<>();
        for (int layer : byLayer.keySet()) {
            initializerOf.putAll(initializerNames(nodes, layer));
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (String init : initializerOf.values()) {
            wanted.add(init);
            wanted.add(init + "_quantized");
        }
        Map<String, OnnxGraph.Initializer> existing = OnnxGraph.initializers(graph, wanted);
        List<OnnxGraph.Initializer> replacements = new ArrayList<>();
        for (List<String> names : byLayer.values()) {
            for (String name : names) {
                String init = initializerOf.get(name);
                if (init == null) {
                    throw new IllegalArgumentException("unknown encoder parameter " + name);
                }
                Weights.Tensor t = weights.tensors().get(name);
                if (existing.containsKey(init + "_quantized")) {
                    replacements.addAll(quantized(init, t, existing.get(init + "_quantized")));
                } else {
                    OnnxGraph.Initializer old = existing.get(init);
                    if (old == null) {
                        throw new IllegalArgumentException("encoder graph has no initializer " + init + " for " + name);
                    }
                    if (old.data().length != t.data().length * 4) {
                        throw new IllegalArgumentException(name + " has " + t.data().length + " values, the graph's "
                                + init + " " + old.data().length / 4);
                    }
                    replacements.add(OnnxGraph.Initializer.ofFloats(init, old.dims(), t.data()));
                }
            }
        }
        return OnnxGraph.withInitializers(graph, replacements);
    }

    /** Per-column symmetric int8 quantization of a weight [in, out]: values, scales and zero points. */
    static List<OnnxGraph.Initializer> quantized(String init, Weights.Tensor t, OnnxGraph.Initializer old) {
        if (old.dataType() != OnnxGraph.Initializer.INT8 || old.dims().length != 2) {
            throw new IllegalArgumentException("quantized initializer " + old.name() + " is not an int8 matrix");
        }
        int in = (int) old.dims()[0];
        int out = (int) old.dims()[1];
        if (t.data().length != in * out) {
            throw new IllegalArgumentException("tuned " + init + " has " + t.data().length + " values, the graph " + in
                    + " x " + out);
        }
        // the graph's own quantization range: onnxruntime's reduced range ([-64, 64]) in the shipped int8 graphs,
        // which keeps u8 x s8 products from saturating on CPUs without VNNI; read from the old values to match it
        int levels = 1;
        for (byte v : old.data()) {
            levels = Math.min(127, Math.max(levels, Math.abs(v)));
        }
        float[] w = t.data();
        float[] scale = new float[out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                scale[o] = Math.max(scale[o], Math.abs(w[i * out + o]));
            }
        }
        for (int o = 0; o < out; o++) {
            scale[o] = scale[o] == 0 ? 1f : scale[o] / levels;
        }
        byte[] q = new byte[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                q[i * out + o] = (byte) Math.max(-levels, Math.min(levels, (int) Math.rint(w[i * out + o] / scale[o])));
            }
        }
        return List.of(new OnnxGraph.Initializer(init + "_quantized", OnnxGraph.Initializer.INT8, old.dims(), q),
                OnnxGraph.Initializer.ofFloats(init + "_scale", new long[] {out}, scale),
                new OnnxGraph.Initializer(init + "_zero_point", OnnxGraph.Initializer.INT8, new long[] {out}, new byte[out]));
    }

    private static int layerOf(String name) {
        String rest = name.substring(PREFIX.length());
        try {
            return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed encoder parameter name " + name);
        }
    }

    /** Parameter name to graph initializer name for every parameter of one layer (0-based, as in the graph). */
    private static Map<String, String> initializerNames(List<OnnxGraph.Node> nodes, int layer) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String p : PROJECTIONS) {
            String prefix = "/encoder/layer." + layer + "/" + p.replace('.', '/') + "/MatMul";
            String weight = null;
            for (OnnxGraph.Node n : nodes) {
                if ((n.opType().equals("MatMul") || n.opType().equals("MatMulInteger")) && n.inputs().size() >= 2
                        && !n.outputs().isEmpty() && n.outputs().get(0).startsWith(prefix)) {
                    weight = n.inputs().get(1);
                    if (weight.endsWith("_quantized")) {
                        weight = weight.substring(0, weight.length() - "_quantized".length());
                    }
                    break;
                }
            }
            if (weight == null) {
                throw new IllegalArgumentException("encoder graph has no projection " + p + " in layer " + layer);
            }
            names.put(PREFIX + layer + "." + p + ".weight", weight);
            names.put(PREFIX + layer + "." + p + ".bias", PREFIX + layer + "." + p + ".bias");
        }
        for (String n : NORMS) {
            names.put(PREFIX + layer + "." + n + ".weight", PREFIX + layer + "." + n + ".weight");
            names.put(PREFIX + layer + "." + n + ".bias", PREFIX + layer + "." + n + ".bias");
        }
        return names;
    }
}
