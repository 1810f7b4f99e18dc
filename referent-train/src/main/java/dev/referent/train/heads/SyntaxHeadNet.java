package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.referent.model.heads.WeightNames;

import java.util.List;

/**
 * Training twin of the runtime {@link dev.referent.model.heads.SyntaxHead}: the same input layer, biaffine arc scores
 * and relation and attribute layers, with dropout and cross-entropy losses. One call scores one sentence.
 */
public final class SyntaxHeadNet {

    private final int arcDim;
    private final int relDim;
    private final int attrDim;
    private final Params.Dense input;
    private final Params.Dense bilinear;
    private final Params.Dense prior;
    private final NDArray root;
    private final NDArray relationRoot;
    private final Params.Dense relationOut;
    private final Params.Dense[] attributeOut;
    private final int relations;
    private final float dropout;
    /** The context LSTMs over each sentence (null: none). */
    private final ai.djl.nn.recurrent.LSTM forward;
    private final ai.djl.nn.recurrent.LSTM backward;
    private final ai.djl.training.ParameterStore store;

    /**
     * @param attributeSizes the number of values of each attribute, in the order of {@code attributeNames}
     * @param context the hidden size of each one-way context LSTM over the sentence (0: none)
     * @param manager owner of the LSTM parameters
     */
    public SyntaxHeadNet(Params params, NDManager manager, int in, int context, int arcDim, int relDim, int attrDim,
                         int relations, List<String> attributeNames, int[] attributeSizes, float dropout) {
        this.arcDim = arcDim;
        this.relDim = relDim;
        this.attrDim = attrDim;
        this.relations = relations;
        this.dropout = dropout;
        if (context > 0) {
            forward = WordHeadNet.lstm(params, manager, WeightNames.SYNTAX_CONTEXT_FORWARD, in, context);
            backward = WordHeadNet.lstm(params, manager, WeightNames.SYNTAX_CONTEXT_BACKWARD, in, context);
            store = new ai.djl.training.ParameterStore(manager, false);
        } else {
            forward = null;
            backward = null;
            store = null;
        }
        input = params.dense(WeightNames.SYNTAX_INPUT, in + 2 * context, 2 * arcDim + 2 * relDim + attrDim, true);
        bilinear = params.dense(WeightNames.SYNTAX_ARC_BILINEAR, arcDim, arcDim, false);
        prior = params.dense(WeightNames.SYNTAX_ARC_PRIOR, arcDim, 1, false);
        root = params.vector(WeightNames.SYNTAX_ARC_ROOT, arcDim);
        relationRoot = params.vector(WeightNames.SYNTAX_REL_ROOT, relDim);
        relationOut = params.dense(WeightNames.SYNTAX_REL_OUT, 3 * relDim, relations, true);
        attributeOut = new Params.Dense[attributeNames.size()];
        for (int a = 0; a < attributeOut.length; a++) {
            attributeOut[a] = params.dense(WeightNames.syntaxAttribute(attributeNames.get(a)), attrDim,
                    attributeSizes[a], true);
        }
    }

    /** The outputs for one sentence: arcs [s, s + 1] (column s the root), relation and attribute logits. */
    public record Output(NDArray arcs, NDArray relationLogits, NDArray[] attributeLogits) {
    }

    /**
     * Scores one sentence {@code x} [s, in]; the relation logits are for the heads {@code heads} (sentence-relative,
     * s for the root; in training the gold heads).
     */
    public Output forward(NDManager step, NDArray x, int[] heads, boolean training) {
        int s = (int) x.getShape().get(0);
        NDArray in = x;
        if (forward != null) {
            NDArray seq = x.expandDims(0);                                                   // [1, s, in]
            NDArray f = forward.forward(store, new NDList(seq), training).singletonOrThrow();
            NDArray b = backward.forward(store, new NDList(seq.flip(1)), training).singletonOrThrow().flip(1);
            in = x.concat(f.concat(b, 2).squeeze(0), 1);
        }
        NDArray h = Dropouts.apply(Activation.relu(input.apply(in)), dropout, training);
        NDArray dep = h.get(new NDIndex(":, 0:{}", arcDim));
        NDArray hd = h.get(new NDIndex(":, {}:{}", arcDim, 2 * arcDim));
        NDArray relDep = h.get(new NDIndex(":, {}:{}", 2 * arcDim, 2 * arcDim + relDim));
        NDArray relHead = h.get(new NDIndex(":, {}:{}", 2 * arcDim + relDim, 2 * arcDim + 2 * relDim));
        NDArray attr = h.get(new NDIndex(":, {}:", 2 * arcDim + 2 * relDim));
        NDArray candidates = NDArrays.concat(new NDList(hd, root.reshape(1, arcDim)), 0); // [s + 1, arc]
        NDArray arcs = bilinear.apply(dep).matMul(candidates.transpose())
                .add(prior.apply(candidates).reshape(1, s + 1));
        NDArray relHeads = NDArrays.concat(new NDList(relHead, relationRoot.reshape(1, relDim)), 0); // [s + 1, rel]
        NDArray chosen = oneHot(step, heads, s).matMul(relHeads);
        NDArray pair = NDArrays.concat(new NDList(relDep, chosen, relDep.mul(chosen)), 1);
        NDArray rel = relationOut.apply(pair);
        NDArray[] attrs = new NDArray[attributeOut.length];
        for (int a = 0; a < attrs.length; a++) {
            attrs[a] = attributeOut[a].apply(attr);
        }
        return new Output(arcs, rel, attrs);
    }

    /** [s, s + 1]: row i selects head {@code heads[i]}. */
    private static NDArray oneHot(NDManager step, int[] heads, int s) {
        if (heads.length != s) {
            throw new IllegalArgumentException(heads.length + " heads for " + s + " words");
        }
        float[] m = new float[s * (s + 1)];
        for (int i = 0; i < s; i++) {
            m[i * (s + 1) + heads[i]] = 1f;
        }
        return step.create(m, new Shape(s, s + 1));
    }

    /**
     * The summed losses of one sentence: arcs (softmax over the sentence's other words and the root), relations and
     * attributes (values -1: not annotated, skipped).
     */
    public NDArray loss(NDManager step, Output out, int[] heads, int[] relationIds, int[][] attributeIds) {
        int s = heads.length;
        float[] mask = new float[s * (s + 1)];
        float[] goldArc = new float[s * (s + 1)];
        float[] goldRel = new float[s * relations];
        for (int i = 0; i < s; i++) {
            mask[i * (s + 1) + i] = -1e4f; // a word is not its own head
            goldArc[i * (s + 1) + heads[i]] = 1f;
            if (relationIds[i] >= 0) {
                goldRel[i * relations + relationIds[i]] = 1f;
            }
        }
        NDArray arcLogp = out.arcs().add(step.create(mask, new Shape(s, s + 1))).logSoftmax(1);
        NDArray loss = arcLogp.mul(step.create(goldArc, new Shape(s, s + 1))).sum().neg();
        loss = loss.add(out.relationLogits().logSoftmax(1).mul(step.create(goldRel, new Shape(s, relations))).sum().neg());
        for (int a = 0; a < attributeOut.length; a++) {
            NDArray logits = out.attributeLogits()[a];
            int k = (int) logits.getShape().get(1);
            float[] gold = new float[s * k];
            for (int i = 0; i < s; i++) {
                if (attributeIds[a][i] >= 0) {
                    gold[i * k + attributeIds[a][i]] = 1f;
                }
            }
            loss = loss.add(logits.logSoftmax(1).mul(step.create(gold, new Shape(s, k))).sum().neg());
        }
        return loss;
    }
}
