package dev.referent.model.heads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grammar from the pooled word vectors x, trained on GUM's Universal Dependencies annotation: a biaffine dependency
 * parser (head and relation of every word within its sentence) and word attributes, each a softmax over its values
 * ({@code Number}, {@code Gender}, {@code Person}, {@code PronType}, {@code Reflex}, ... from UD's FEATS, and
 * {@code Entity}: the GUM entity type of the mention a word heads, "_" for none).
 *
 * <p>Two one-way LSTMs over each sentence's x (when the weights have them) add the sentence's word order, then one
 * dense layer with ReLU ({@code syntax.input}) turns each word's {@code [x ; forward ; backward]} into five parts: the word as a dependent and
 * as a head for the arc scores, the same two for the relation scores, and a hidden vector for the attributes. The arc
 * score of dependent i and head h is {@code dep_i U head_h + p . head_h} (the root is a learned head vector); the
 * relation is a softmax over {@code [rdep_i ; rhead_h ; rdep_i * rhead_h]} for the chosen head. Each word takes its
 * best-scoring head among its sentence's words and the root (no tree constraint: the consumers read roles and
 * clauses, which a rare cycle does not disturb).
 *
 * <p>The input layer and the LSTMs' input gates run on ONNX Runtime a sentence at a time (or in Java, the reference
 * the training twin {@code SyntaxHeadNet} is tied to); the recurrent steps and the small per-sentence products stay
 * in Java. Thread-safe.
 */
public final class SyntaxHead implements AutoCloseable {


    /** The widths of the input layer's five parts, from the weights. */
    private final int arcDim;
    private final int relDim;
    private final int attrDim;
    private final Linear input;
    private final Linear bilinear;
    private final Linear prior;
    private final float[] root;
    private final float[] relationRoot;
    private final Linear relationOut;
    private final Linear[] attributeOut;
    private final String[] relations;
    private final String[] attributeNames;
    private final String[][] attributeValues;
    private final HeadGraph graph;
    /** The context LSTMs (null: none) and their input gates on ONNX Runtime (null: in Java). */
    private final Lstm forward;
    private final Lstm backward;
    private final HeadGraph forwardInputs;
    private final HeadGraph backwardInputs;
    /** The width of x, and of the LSTMs' output beside it. */
    private final int xDim;
    private final int contextDim;

    /**
     * @param relations the dependency relations, one per output of {@code syntax.rel.out}
     * @param attributes each attribute's values in the order of its layer's outputs (the first is {@link dev.referent.doc.WordSyntax#NO_VALUE})
     * @param onnx whether the input layer runs on ONNX Runtime
     */
    public SyntaxHead(Weights w, List<String> relations, Map<String, List<String>> attributes, boolean onnx) {
        input = new Linear(w, WeightNames.SYNTAX_INPUT);
        if (w.has(WeightNames.weight(WeightNames.lstmInput(WeightNames.SYNTAX_CONTEXT_FORWARD)))) {
            forward = new Lstm(w, WeightNames.SYNTAX_CONTEXT_FORWARD);
            backward = new Lstm(w, WeightNames.SYNTAX_CONTEXT_BACKWARD);
            contextDim = forward.hidden + backward.hidden;
            xDim = forward.in;
            if (backward.in != xDim || input.in != xDim + contextDim) {
                throw new IllegalArgumentException("syntax head: the context LSTMs do not fit the input layer");
            }
        } else {
            forward = null;
            backward = null;
            contextDim = 0;
            xDim = input.in;
        }
        bilinear = new Linear(w, WeightNames.SYNTAX_ARC_BILINEAR);
        prior = new Linear(w, WeightNames.SYNTAX_ARC_PRIOR);
        root = w.get(WeightNames.SYNTAX_ARC_ROOT, 1).data();
        relationRoot = w.get(WeightNames.SYNTAX_REL_ROOT, 1).data();
        relationOut = new Linear(w, WeightNames.SYNTAX_REL_OUT);
        arcDim = bilinear.in;
        relDim = relationRoot.length;
        attrDim = input.out - 2 * arcDim - 2 * relDim;
        if (root.length != arcDim || bilinear.out != arcDim || prior.in != arcDim || prior.out != 1 || attrDim <= 0
                || relationOut.in != 3 * relDim) {
            throw new IllegalArgumentException("syntax head: the layers' shapes do not fit each other");
        }
        if (relationOut.out != relations.size()) {
            throw new IllegalArgumentException("syntax head: " + relationOut.out + " relation outputs for "
                    + relations.size() + " relations");
        }
        this.relations = relations.toArray(new String[0]);
        attributeNames = attributes.keySet().toArray(new String[0]);
        attributeValues = new String[attributeNames.length][];
        attributeOut = new Linear[attributeNames.length];
        for (int a = 0; a < attributeNames.length; a++) {
            attributeValues[a] = attributes.get(attributeNames[a]).toArray(new String[0]);
            attributeOut[a] = new Linear(w, WeightNames.syntaxAttribute(attributeNames[a]));
            if (attributeOut[a].out != attributeValues[a].length || attributeOut[a].in != attrDim) {
                throw new IllegalArgumentException("syntax head: attribute " + attributeNames[a] + " has "
                        + attributeOut[a].out + " outputs for " + attributeValues[a].length + " values");
            }
        }
        // native sessions last, and none left open when a later one fails
        HeadGraph in = null;
        HeadGraph fwd = null;
        try {
            in = onnx ? inputGraph(input) : null;
            fwd = onnx && forward != null ? forward.inputGraph("syntax forward") : null;
            backwardInputs = onnx && forward != null ? backward.inputGraph("syntax backward") : null;
        } catch (RuntimeException | Error e) {
            closeAll(e, in, fwd);
            throw e;
        }
        graph = in;
        forwardInputs = fwd;
    }

    /** Closes each graph that is not null, adding any failure to {@code failure} (null: throws the first one). */
    private static void closeAll(Throwable failure, HeadGraph... graphs) {
        RuntimeException first = null;
        for (HeadGraph g : graphs) {
            if (g == null) {
                continue;
            }
            try {
                g.close();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static HeadGraph inputGraph(Linear input) {
        return new HeadGraph("the syntax head's input layer", new OnnxModelWriter("referent-syntax-input")
                .input("x", input.in)
                .initializer("w", input.transposed(), input.in, input.out)
                .initializer("b", input.biasOrZeros(), input.out)
                .node("MatMul", "p", "x", "w")
                .node("Add", "z", "p", "b")
                .node("Relu", "h", "z")
                .output("h", input.out),
                new String[] {"x"}, new int[] {input.in});
    }

    /** The width of x this head reads. */
    public int inputDim() {
        return xDim;
    }

    /**
     * One document's analysis: per word its head (a document index, or -1 for the root), relation and attribute
     * values ({@link dev.referent.doc.WordSyntax#NO_VALUE} where a word has none).
     */
    public record Analysis(int[] head, String[] relation, Map<String, String[]> attributes)
            implements dev.referent.doc.WordSyntax {

        @Override
        public String relation(int word) {
            return relation[word];
        }

        /** The value of {@code attribute} at {@code word}, or {@link #NO_VALUE} (also when the head does not predict it). */
        @Override
        public String attribute(String attribute, int word) {
            String[] values = attributes.get(attribute);
            return values == null ? NO_VALUE : values[word];
        }

        public int size() {
            return head.length;
        }
    }

    /** The layers' raw scores for one sentence (the parity tests compare them with the training twin's). */
    public record Scores(float[] arcs, int[] heads, float[] relationLogits, float[][] attributeLogits) {
    }

    /**
     * A builder of one document's analysis from its words' x as the word head hands them over, in order: each
     * sentence is analysed once its last word has come, so only one sentence's x is kept.
     */
    public Builder builder(int[] sentenceEnds) {
        return new Builder(sentenceEnds);
    }

    /** Analyses a whole document's x ({@code n} rows of {@code dim}); {@code sentenceEnds}: exclusive, ascending. */
    public Analysis analyze(float[] x, int n, int dim, int[] sentenceEnds) {
        Builder b = builder(sentenceEnds);
        for (int i = 0; i < n; i++) {
            b.accept(i, x, i * dim);
        }
        return b.finish();
    }

    /** Not thread-safe: one per document. */
    public final class Builder implements WordHead.WordSink {

        private final int[] sentenceEnds;
        private final int n;
        private final int[] head;
        private final String[] relation;
        private final String[][] values;
        private int sentence;
        private int sentenceStart;
        private float[] buffer = new float[0];
        private int next;

        private Builder(int[] sentenceEnds) {
            this.sentenceEnds = sentenceEnds.clone();
            this.n = sentenceEnds.length == 0 ? 0 : sentenceEnds[sentenceEnds.length - 1];
            head = new int[n];
            relation = new String[n];
            values = new String[attributeNames.length][n];
        }

        @Override
        public void accept(int word, float[] x, int off) {
            if (word != next) {
                throw new IllegalStateException("word " + word + " came, expected " + next);
            }
            int row = word - sentenceStart;
            if (buffer.length < (row + 1) * xDim) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max((row + 1) * xDim, 2 * buffer.length));
            }
            System.arraycopy(x, off, buffer, row * xDim, xDim);
            next++;
            while (sentence < sentenceEnds.length && sentenceEnds[sentence] == next) {
                analyze(sentenceStart, next);
                sentenceStart = next;
                sentence++;
            }
        }

        private void analyze(int start, int end) {
            int s = end - start;
            if (s == 0) {
                return;
            }
            Scores scores = scores(buffer, s, null);
            for (int i = 0; i < s; i++) {
                int best = scores.heads[i]; // s: the root
                head[start + i] = best == s ? -1 : start + best;
                relation[start + i] = relations[argmax(scores.relationLogits, i * relations.length, relations.length)];
                for (int a = 0; a < attributeNames.length; a++) {
                    int k = attributeValues[a].length;
                    values[a][start + i] = attributeValues[a][argmax(scores.attributeLogits[a], i * k, k)];
                }
            }
        }

        public Analysis finish() {
            if (next != n) {
                throw new IllegalStateException("the analysis has " + next + " of " + n + " words");
            }
            Map<String, String[]> attributes = new LinkedHashMap<>();
            for (int a = 0; a < attributeNames.length; a++) {
                attributes.put(attributeNames[a], values[a]);
            }
            return new Analysis(head, relation, attributes);
        }
    }

    /**
     * The scores of one sentence of {@code s} words ({@code x} rows of {@link #inputDim()}): arcs [s, s + 1] (column
     * s: the root; a word's own column is scored too and skipped by the decoder), the head each word's relation is
     * scored for ({@code heads}, sentence-relative, s for the root; given null: each word's best-scoring head other
     * than itself), relation logits [s, relations] and each attribute's logits [s, values].
     */
    public Scores scores(float[] x, int s, int[] heads) {
        float[] in = withContext(x, s);
        int width = input.out;
        float[] h = new float[s * width];
        if (graph != null) {
            graph.run(new float[][] {in}, new int[] {s}, out -> out.get(h, 0, s * width));
        } else {
            input.applyRows(in, s, h);
            Linear.relu(h, s * width);
        }
        int headOff = arcDim;
        int relDepOff = 2 * arcDim;
        int relHeadOff = 2 * arcDim + relDim;
        int attrOff = 2 * arcDim + 2 * relDim;
        // arcs: (dep_i U) . head_h + p . head_h (the layers read each part in place, at its offset in h)
        float[] depU = new float[s * arcDim];
        for (int i = 0; i < s; i++) {
            bilinear.applyNoBias(h, i * width, depU, i * arcDim);
        }
        float[] headPrior = new float[s + 1];
        for (int j = 0; j <= s; j++) {
            prior.applyNoBias(j == s ? root : h, j == s ? 0 : j * width + headOff, headPrior, j);
        }
        float[] arcs = new float[s * (s + 1)];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j <= s; j++) {
                float[] src = j == s ? root : h;
                int off = j == s ? 0 : j * width + headOff;
                float dot = 0f;
                for (int k = 0; k < arcDim; k++) {
                    dot += depU[i * arcDim + k] * src[off + k];
                }
                arcs[i * (s + 1) + j] = dot + headPrior[j];
            }
        }
        int[] chosen = heads;
        if (chosen == null) {
            chosen = new int[s];
            for (int i = 0; i < s; i++) {
                int best = s;
                for (int j = 0; j < s; j++) {
                    if (j != i && arcs[i * (s + 1) + j] > arcs[i * (s + 1) + best]) {
                        best = j;
                    }
                }
                chosen[i] = best;
            }
        }
        int r = relations.length;
        float[] relationLogits = new float[s * r];
        float[] pair = new float[3 * relDim];
        for (int i = 0; i < s; i++) {
            int j = chosen[i];
            for (int k = 0; k < relDim; k++) {
                float dep = h[i * width + relDepOff + k];
                float hd = j == s ? relationRoot[k] : h[j * width + relHeadOff + k];
                pair[k] = dep;
                pair[relDim + k] = hd;
                pair[2 * relDim + k] = dep * hd;
            }
            relationOut.apply(pair, 0, relationLogits, i * r);
        }
        float[][] attributeLogits = new float[attributeNames.length][];
        for (int a = 0; a < attributeNames.length; a++) {
            int k = attributeValues[a].length;
            attributeLogits[a] = new float[s * k];
            for (int i = 0; i < s; i++) {
                attributeOut[a].apply(h, i * width + attrOff, attributeLogits[a], i * k);
            }
        }
        return new Scores(arcs, chosen, relationLogits, attributeLogits);
    }

    /** {@code [x ; forward LSTM ; backward LSTM]} of the sentence's words, or x itself without LSTMs. */
    private float[] withContext(float[] x, int s) {
        if (forward == null) {
            return x;
        }
        int width = xDim + contextDim;
        float[] out = new float[s * width];
        for (int i = 0; i < s; i++) {
            System.arraycopy(x, i * xDim, out, i * width, xDim);
        }
        forward.run(x, s, false, forwardInputs, out, width, xDim);
        backward.run(x, s, true, backwardInputs, out, width, xDim + forward.hidden);
        return out;
    }

    /** The index of the largest of {@code v[off .. off + len)}, relative to {@code off}. */
    static int argmax(float[] v, int off, int len) {
        int best = 0;
        for (int k = 1; k < len; k++) {
            if (v[off + k] > v[off + best]) {
                best = k;
            }
        }
        return best;
    }

    /** The labels of a {@code syntax.properties} file: relations and each attribute's values. */
    public static SyntaxHead load(Weights w, java.util.Properties labels, boolean onnx) {
        List<String> relations = List.of(labels.getProperty("relations", "").strip().split(" +"));
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String name : labels.getProperty("attributes", "").strip().split(" +")) {
            if (!name.isEmpty()) {
                String values = labels.getProperty("values." + name);
                if (values == null) {
                    throw new IllegalArgumentException("syntax labels: no values." + name);
                }
                attributes.put(name, new ArrayList<>(List.of(values.strip().split(" +"))));
            }
        }
        return new SyntaxHead(w, relations, attributes, onnx);
    }

    @Override
    public void close() {
        closeAll(null, graph, forwardInputs, backwardInputs);
    }
}
