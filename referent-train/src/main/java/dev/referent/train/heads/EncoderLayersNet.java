package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.referent.model.encoder.EncoderLayers;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.WeightNames;
import dev.referent.model.heads.Weights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The encoder's top transformer layers, trainable (the fine-tuned encoder, limited to the layers that fit
 * this machine; training twin of the layers that {@link dev.referent.model.encoder.EncoderLayers} writes into the ONNX graph): a BERT layer written in DJL and started from the graph's own fp32 parameters. The layers below
 * stay frozen, so their output comes from the feature cache: each window's input is rebuilt from the cached
 * piece vectors of the layer below plus that window's [CLS] and [SEP] vectors (pieces in the overlap between two
 * windows carry their owner window's vector, an approximation that only touches window edges). Each piece takes its
 * output from its owner window, as {@link WordEncoder} does. Parameters keep the graph's names and [in, out] layout
 * ({@link EncoderLayers}), so the runtime writes them back into the ONNX graph unchanged.
 */
public final class EncoderLayersNet {

    private static final float LAYER_NORM_EPS = 1e-12f;

    private record Layer(Params.Dense query, Params.Dense key, Params.Dense value, Params.Dense attentionOut,
                         NDArray norm1Gain, NDArray norm1Bias, Params.Dense intermediate, Params.Dense output,
                         NDArray norm2Gain, NDArray norm2Bias) {
    }

    private final List<Layer> layers = new ArrayList<>();
    private final int attentionHeads;

    /**
     * @param graph the fp32 encoder graph the parameters start from
     * @param firstLayer graph index (0-based, {@code encoder.layer.N}) of the lowest tuned layer
     * @param count tuned layers, up to the last one
     */
    public EncoderLayersNet(Params params, NDManager manager, byte[] graph, int firstLayer, int count, int attentionHeads) {
        this.attentionHeads = attentionHeads;
        for (int l = firstLayer; l < firstLayer + count; l++) {
            Map<String, Weights.Tensor> w = EncoderLayers.read(graph, l);
            String p = WeightNames.encoderLayer(l, ""); // the graph's own parameter names after the prefix
            layers.add(new Layer(dense(params, manager, w, p + "attention.self.query"),
                    dense(params, manager, w, p + "attention.self.key"),
                    dense(params, manager, w, p + "attention.self.value"),
                    dense(params, manager, w, p + "attention.output.dense"),
                    vector(params, manager, w, p + "attention.output.LayerNorm.weight"),
                    vector(params, manager, w, p + "attention.output.LayerNorm.bias"),
                    dense(params, manager, w, p + "intermediate.dense"),
                    dense(params, manager, w, p + "output.dense"),
                    vector(params, manager, w, p + "output.LayerNorm.weight"),
                    vector(params, manager, w, p + "output.LayerNorm.bias")));
        }
    }

    private static Params.Dense dense(Params params, NDManager manager, Map<String, Weights.Tensor> w, String name) {
        return new Params.Dense(vector(params, manager, w, WeightNames.weight(name)), vector(params, manager, w, WeightNames.bias(name)));
    }

    private static NDArray vector(Params params, NDManager manager, Map<String, Weights.Tensor> w, String name) {
        Weights.Tensor t = w.get(name);
        long[] shape = new long[t.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shape()[i];
        }
        return params.external(name, manager.create(t.data(), new Shape(shape)));
    }

    /**
     * The tuned layers' outputs for every piece, lowest layer first, each [pieces, hidden].
     *
     * @param inputBlock the block of {@code enc} that holds the output of the layer below the tuned ones
     * @param encoder the encoder that produced {@code enc}: its window layout
     */
    public NDArray[] forward(NDManager step, WordEncoder.Encoded enc, int inputBlock, WordEncoder encoder) {
        int pieces = enc.pieceCount();
        int[] starts = encoder.windowStarts(pieces);
        int[] owner = encoder.owners(starts, pieces);
        int content = encoder.spec().maxPieces() - 2;
        int hidden = enc.hidden();
        int windows = starts.length;
        if (enc.windows() != windows) {
            throw new IllegalArgumentException("encoding keeps [CLS]/[SEP] of " + enc.windows() + " windows, expected "
                    + windows + " (re-encode the feature cache)");
        }
        int length = Math.min(pieces, content);
        int seq = length + 2;
        float[] x = new float[windows * seq * hidden];
        int block = inputBlock * pieces * hidden;
        for (int w = 0; w < windows; w++) {
            int special = ((inputBlock * windows + w) * 2) * hidden;
            int base = w * seq * hidden;
            System.arraycopy(enc.specials(), special, x, base, hidden);
            System.arraycopy(enc.pieces(), block + starts[w] * hidden, x, base + hidden, length * hidden);
            System.arraycopy(enc.specials(), special + hidden, x, base + (seq - 1) * hidden, hidden);
        }
        NDArray h = step.create(x, new Shape(windows, seq, hidden));
        NDArray[] out = new NDArray[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            h = apply(layers.get(i), h);
            // each window's owned pieces are one run: slice them out (views) rather than index with an array
            NDList runs = new NDList();
            int p = 0;
            while (p < pieces) {
                int w = owner[p];
                int end = p;
                while (end < pieces && owner[end] == w) {
                    end++;
                }
                int from = 1 + p - starts[w];
                runs.add(h.get(new NDIndex("{}, {}:{}, :", w, from, from + end - p)));
                p = end;
            }
            out[i] = runs.size() == 1 ? runs.get(0) : NDArrays.concat(runs, 0);
        }
        return out;
    }

    private NDArray apply(Layer l, NDArray h) {
        long windows = h.getShape().get(0);
        long seq = h.getShape().get(1);
        long hidden = h.getShape().get(2);
        long headDim = hidden / attentionHeads;
        NDArray q = heads(l.query().apply(h), windows, seq, headDim);
        NDArray k = heads(l.key().apply(h), windows, seq, headDim);
        NDArray v = heads(l.value().apply(h), windows, seq, headDim);
        NDArray scale = Scalars.of(h.getManager(), (float) Math.sqrt(headDim));
        NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).div(scale).softmax(-1);
        NDArray context = attention.matMul(v).transpose(0, 2, 1, 3).reshape(windows, seq, hidden);
        NDArray a = layerNorm(l.attentionOut().apply(context).add(h), l.norm1Gain(), l.norm1Bias());
        NDArray f = l.output().apply(Activation.gelu(l.intermediate().apply(a)));
        return layerNorm(f.add(a), l.norm2Gain(), l.norm2Bias());
    }

    private NDArray heads(NDArray x, long windows, long seq, long headDim) {
        return x.reshape(windows, seq, attentionHeads, headDim).transpose(0, 2, 1, 3);
    }

    private static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDArray variance = centered.square().mean(new int[] {-1}, true);
        return centered.div(variance.add(LAYER_NORM_EPS).sqrt()).mul(gain).add(bias);
    }
}
