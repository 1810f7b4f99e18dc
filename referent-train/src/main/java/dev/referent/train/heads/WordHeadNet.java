package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.WeightNames;

/**
 * Words from wordpieces (training twin of the runtime
 * {@link dev.referent.model.heads.WordHead}): a learned scalar mix of the encoder layers,
 * attention-weighted sum of each word's pieces, then a two-layer projection to the scorers' word vectors.
 */
public final class WordHeadNet {

    private final NDArray mix;
    private final NDArray mixScale;
    private final int layers;
    private final Params.Dense attention;
    private final Params.Dense proj1;
    private final Params.Dense proj2;
    private final float dropout;
    private final LSTM forward;
    private final LSTM backward;
    private final ParameterStore store;

    public WordHeadNet(Params params, int hidden, int projHidden, int wordDim, float dropout) {
        this(params, hidden, 1, projHidden, wordDim, dropout, false, null);
    }

    /**
     * @param context add two one-way LSTMs over the words (DJL's bidirectional LSTM is avoided on purpose)
     * @param manager owner of the LSTM parameters (needed when {@code context})
     */
    public WordHeadNet(Params params, int hidden, int layers, int projHidden, int wordDim, float dropout,
                           boolean context, NDManager manager) {
        this.layers = layers;
        if (layers > 1) {
            mix = params.zeros(WeightNames.WORD_MIX, layers);
            mixScale = params.external(WeightNames.WORD_MIX_SCALE, manager.ones(new ai.djl.ndarray.types.Shape(1)));
        } else {
            mix = null;
            mixScale = null;
        }
        attention = params.dense(WeightNames.WORD_ATTENTION, hidden, 1, true);
        proj1 = params.dense(WeightNames.WORD_PROJ1, hidden, projHidden, true);
        proj2 = params.dense(WeightNames.WORD_PROJ2, projHidden, wordDim, true);
        this.dropout = dropout;
        if (context) {
            if (wordDim % 2 != 0) {
                throw new IllegalArgumentException("word_dim must be even for the context LSTMs");
            }
            forward = lstm(params, manager, WeightNames.CONTEXT_FORWARD, wordDim, wordDim / 2);
            backward = lstm(params, manager, WeightNames.CONTEXT_BACKWARD, wordDim, wordDim / 2);
            store = new ParameterStore(manager, false);
        } else {
            forward = null;
            backward = null;
            store = null;
        }
    }

    /** A one-way LSTM of {@code hidden} over inputs {@code in} wide, its parameters registered under {@code name}. */
    static LSTM lstm(Params params, NDManager manager, String name, int in, int hidden) {
        LSTM lstm = LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
        lstm.initialize(manager, DataType.FLOAT32, new Shape(1, 2, in));
        for (Pair<String, Parameter> p : lstm.getParameters()) {
            // l_0_i2h_WEIGHT -> NAME.i2h.weight (PyTorch layout [4h, in], gates i, f, g, o)
            String key = p.getKey();
            String part = key.contains("i2h") ? WeightNames.lstmInput(name) : WeightNames.lstmHidden(name);
            String tensor = key.endsWith("WEIGHT") ? WeightNames.weight(part) : WeightNames.bias(part);
            params.external(tensor, p.getValue().getArray());
        }
        return lstm;
    }

    /** Returns {x [N, H], u [N, D]}. */
    public NDArray[] forward(NDManager step, WordEncoder.Encoded enc, boolean training) {
        return forward(step, enc, training, null);
    }

    /**
     * Returns {x [N, H], u [N, D]}, with the last {@code tuned.length} layer blocks of {@code enc} replaced by the
     * given [pieces, hidden] outputs of tuned encoder layers (null: none).
     */
    public NDArray[] forward(NDManager step, WordEncoder.Encoded enc, boolean training, NDArray[] tuned) {
        int n = enc.words();
        int p = enc.pieceCount();
        if (enc.layers() != layers) {
            throw new IllegalArgumentException("encoding has " + enc.layers() + " layers, the head mixes " + layers);
        }
        NDArray pieces;
        if (layers == 1) {
            pieces = step.create(enc.pieces(), new Shape(p, enc.hidden()));
        } else {
            NDArray all = step.create(enc.pieces(), new Shape(layers, (long) p * enc.hidden()));
            if (tuned != null && tuned.length > 0) {
                NDArray[] rows = new NDArray[tuned.length + 1];
                rows[0] = all.get(new ai.djl.ndarray.index.NDIndex(":{}", layers - tuned.length));
                for (int i = 0; i < tuned.length; i++) {
                    rows[i + 1] = tuned[i].reshape(1, (long) p * enc.hidden());
                }
                all = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(rows), 0);
            }
            // an operation's result belongs to its first operand's manager: starting from a step array keeps this
            // step's graph out of the parameters' manager (which is never closed: the graph would leak every step)
            NDArray w = step.zeros(new Shape(layers)).add(mix).softmax(0).mul(mixScale).reshape(1, layers);
            pieces = w.matMul(all).reshape(p, enc.hidden());
        }
        float[] mask = new float[n * p];
        java.util.Arrays.fill(mask, -1e9f);
        for (int w = 0; w < n; w++) {
            for (int k = enc.wordStart()[w]; k < enc.wordEnd()[w]; k++) {
                mask[w * p + k] = 0f;
            }
        }
        NDArray scores = attention.apply(pieces).reshape(1, p);            // [1, P]
        NDArray weights = step.create(mask, new Shape(n, p)).add(scores).softmax(1); // [N, P]
        NDArray x = weights.matMul(pieces);                                 // [N, H]
        NDArray h = Activation.relu(proj1.apply(Dropouts.apply(x, dropout, training)));
        NDArray u = proj2.apply(Dropouts.apply(h, dropout, training));
        if (forward != null) {
            NDArray seq = u.expandDims(0);                                                   // [1, N, D]
            NDArray f = forward.forward(store, new NDList(seq), training).singletonOrThrow();
            NDArray b = backward.forward(store, new NDList(seq.flip(1)), training).singletonOrThrow().flip(1);
            u = u.add(f.concat(b, 2).squeeze(0));
        }
        return new NDArray[] {x, u};
    }
}
