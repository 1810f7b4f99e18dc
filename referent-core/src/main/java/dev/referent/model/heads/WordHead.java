package dev.referent.model.heads;

import dev.referent.model.encoder.WordEncoder;

/**
 * From wordpieces to words: when the encoder returns several layers, each piece is first their learned weighted sum
 * ({@code word.mix}: softmax weights, scaled by {@code word.mix.scale}, as ELMo's scalar mix); then each word is the
 * attention-weighted sum of its wordpiece vectors ({@code x}), and a two-layer projection turns it into the smaller
 * representation the scorers use ({@code u}); optionally two one-way LSTMs over the document's words add
 * task-specific context to it (the encoder itself is frozen).
 */
public final class WordHead implements AutoCloseable {

    private final float[] mix;
    private final Linear attention;
    private final Linear proj1;
    private final Linear proj2;
    private final Lstm forward;
    private final Lstm backward;
    /** The projection on ONNX Runtime, a window's words at a time; null: word by word in Java (the reference). */
    private final HeadGraph graph;
    /** Each LSTM's input gates on ONNX Runtime, {@link Lstm#BLOCK} words a call; null: in Java, or no LSTMs. */
    private final HeadGraph forwardInputs;
    private final HeadGraph backwardInputs;
    public record Words(float[] x, float[] u, int count, int xDim, int uDim) {
    }

    /** The head with its layers in Java (training's parity tests compare against these). */
    public WordHead(Weights w) {
        this(w, false);
    }

    /**
     * @param onnx whether the projection runs on ONNX Runtime ({@link HeadGraph}) for all the words of a window at
     *             once; the same values up to float rounding
     */
    public WordHead(Weights w, boolean onnx) {
        if (w.has(WeightNames.WORD_MIX)) {
            float[] logits = w.get(WeightNames.WORD_MIX, 1).data();
            float scale = w.get(WeightNames.WORD_MIX_SCALE, 1).data()[0];
            mix = softmax(logits);
            for (int i = 0; i < mix.length; i++) {
                mix[i] *= scale;
            }
        } else {
            mix = new float[] {1f};
        }
        attention = new Linear(w, WeightNames.WORD_ATTENTION);
        proj1 = new Linear(w, WeightNames.WORD_PROJ1);
        proj2 = new Linear(w, WeightNames.WORD_PROJ2);
        if (w.has(WeightNames.weight(WeightNames.lstmInput(WeightNames.CONTEXT_FORWARD)))) {
            forward = new Lstm(w, WeightNames.CONTEXT_FORWARD);
            backward = new Lstm(w, WeightNames.CONTEXT_BACKWARD);
            if (forward.in != proj2.out || forward.hidden + backward.hidden != proj2.out) {
                throw new IllegalArgumentException("context LSTMs do not fit the word dimension " + proj2.out);
            }
        } else {
            forward = null;
            backward = null;
        }
        graph = onnx ? projectionGraph(proj1, proj2) : null;
        forwardInputs = onnx && forward != null ? forward.inputGraph("forward") : null;
        backwardInputs = onnx && forward != null ? backward.inputGraph("backward") : null;
    }

    /** u = proj2(relu(proj1 x)) for many words at once. */
    private static HeadGraph projectionGraph(Linear proj1, Linear proj2) {
        return new HeadGraph("the word projection", new OnnxModelWriter("referent-word-projection")
                .input("x", proj1.in)
                .initializer("w1", proj1.transposed(), proj1.in, proj1.out)
                .initializer("b1", proj1.biasOrZeros(), proj1.out)
                .initializer("w2", proj2.transposed(), proj2.in, proj2.out)
                .initializer("b2", proj2.biasOrZeros(), proj2.out)
                .node("MatMul", "p1", "x", "w1")
                .node("Add", "z1", "p1", "b1")
                .node("Relu", "r1", "z1")
                .node("MatMul", "p2", "r1", "w2")
                .node("Add", "u", "p2", "b2")
                .output("u", proj2.out),
                new String[] {"x"}, new int[] {proj1.in});
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
        }
        if (forwardInputs != null) {
            forwardInputs.close();
            backwardInputs.close();
        }
    }

    /** Number of encoder layers the head mixes. */
    public int layers() {
        return mix.length;
    }

    /** Number of encoder layers the head of {@code w} mixes, before any head is built. */
    public static int layers(Weights w) {
        return w.has(WeightNames.WORD_MIX) ? w.get(WeightNames.WORD_MIX, 1).data().length : 1;
    }

    private static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        float[] out = new float[logits.length];
        float sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Receives each word's pooled vector x as it is completed (x[off .. off + hidden)). */
    @FunctionalInterface
    public interface WordSink {
        void accept(int word, float[] x, int off);
    }

    /**
     * The word vectors of a whole-document encoding (training's cached encodings, tests); {@code x} spans the
     * document here, which inference avoids ({@link Builder}).
     */
    public Words apply(WordEncoder.Encoded enc) {
        int hidden = enc.hidden();
        float[] x = new float[enc.words() * hidden];
        Builder builder = builder(enc.wordStart(), enc.wordEnd(), hidden,
                (word, vector, off) -> System.arraycopy(vector, off, x, word * hidden, hidden));
        if (enc.layers() != mix.length) {
            throw new IllegalArgumentException("the heads mix " + mix.length + " encoder layers, the encoding has "
                    + enc.layers());
        }
        float[][] arrays = new float[mix.length][];
        int[] bases = new int[mix.length];
        for (int l = 0; l < mix.length; l++) {
            arrays[l] = enc.pieces();
            bases[l] = l * enc.pieceCount() * hidden;
        }
        builder.add(0, enc.pieceCount(), arrays, bases, 0);
        Words w = builder.finish();
        return new Words(x, w.u(), w.count(), hidden, w.uDim());
    }

    /**
     * A builder of one document's word vectors from its pieces as the encoder hands them over, window by window:
     * {@code x} of each word goes to {@code sink} once its last piece has come, and only {@code u} (the head's width
     * per word) spans the document.
     */
    public Builder builder(int[] wordStart, int[] wordEnd, int hidden, WordSink sink) {
        return new Builder(wordStart, wordEnd, hidden, sink);
    }

    /**
     * Builds one document's word vectors: mixes the layers of each piece as it comes, pools each word as soon as its
     * last piece is in, and keeps only the pieces of words not yet complete. Not thread-safe (one per document).
     */
    public final class Builder {

        private final int[] wordStart;
        private final int[] wordEnd;
        private final int hidden;
        private final WordSink sink;
        private final int n;
        private final float[] u;
        /** Mixed vectors of pieces {@code [bufStart, bufEnd)}, rows of {@code hidden}. */
        private float[] buf;
        private int bufStart;
        private int bufEnd;
        /** The first word not yet pooled. */
        private int next;
        private int mostBuffered;
        private final float[] x;
        private final float[] h1;
        private final float[] score = new float[1];
        private float[] att = new float[8];
        /** Pooled words waiting for the projection graph: their x rows and word indices. */
        private float[] pendingX = new float[0];
        private int[] pendingWord = new int[0];
        private int pending;

        private Builder(int[] wordStart, int[] wordEnd, int hidden, WordSink sink) {
            this.wordStart = wordStart;
            this.wordEnd = wordEnd;
            this.hidden = hidden;
            this.sink = sink;
            this.n = wordStart.length;
            this.u = new float[n * proj2.out];
            this.buf = new float[64 * hidden];
            this.x = new float[hidden];
            this.h1 = new float[proj1.out];
        }

        /** Adds the window's owned pieces (see {@link WordEncoder.Window}). */
        public void add(WordEncoder.Window window) {
            float[][] arrays = new float[mix.length][];
            int[] bases = new int[mix.length];
            for (int l = 0; l < mix.length; l++) {
                arrays[l] = window.array(l);
                bases[l] = window.offset(window.start());
            }
            add(window.from(), window.to(), arrays, bases, window.start());
            flush();
        }

        /** Projects the words pooled since the last call, in one call of the graph. */
        private void flush() {
            if (pending > 0) {
                int d = proj2.out;
                graph.run(new float[][] {pendingX}, new int[] {pending}, projected -> {
                    for (int r = 0; r < pending; r++) {
                        projected.get(r * d, u, pendingWord[r] * d, d);
                    }
                });
                pending = 0;
            }
        }

        /**
         * Adds pieces {@code [from, to)}, which must follow the pieces added before; layer {@code l} of piece
         * {@code p} is at {@code arrays[l][bases[l] + (p - origin) * hidden]}.
         */
        void add(int from, int to, float[][] arrays, int[] bases, int origin) {
            if (arrays.length != mix.length) {
                throw new IllegalArgumentException("the heads mix " + mix.length + " encoder layers, the encoder gave "
                        + arrays.length);
            }
            if (from != bufEnd) {
                throw new IllegalStateException("pieces from " + from + " added after pieces up to " + bufEnd);
            }
            int count = to - from;
            int needed = (bufEnd - bufStart + count) * hidden;
            if (needed > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
            }
            boolean identity = mix.length == 1 && mix[0] == 1f;
            for (int p = from; p < to; p++) {
                int dst = (p - bufStart) * hidden;
                if (identity) {
                    System.arraycopy(arrays[0], bases[0] + (p - origin) * hidden, buf, dst, hidden);
                } else {
                    // the same operations in the same order as a whole-document mix, so the same floats
                    java.util.Arrays.fill(buf, dst, dst + hidden, 0f);
                    for (int l = 0; l < mix.length; l++) {
                        Linear.axpy(mix[l], arrays[l], bases[l] + (p - origin) * hidden, buf, dst, hidden);
                    }
                }
            }
            bufEnd = to;
            mostBuffered = Math.max(mostBuffered, bufEnd - bufStart);
            while (next < n && wordEnd[next] <= bufEnd) {
                pool(next++);
            }
            // drop the pieces of pooled words; keep those of the word still waiting for its last pieces
            int keep = next < n ? Math.max(bufStart, Math.min(wordStart[next], bufEnd)) : bufEnd;
            if (keep > bufStart) {
                System.arraycopy(buf, (keep - bufStart) * hidden, buf, 0, (bufEnd - keep) * hidden);
                bufStart = keep;
            }
        }

        /** The most pieces held at once (for tests: bounded by a window, not the document). */
        int mostBuffered() {
            return mostBuffered;
        }

        /** x of word w: attention over its pieces; then u = proj2(relu(proj1 x)). */
        private void pool(int w) {
            int from = wordStart[w];
            int to = wordEnd[w];
            java.util.Arrays.fill(x, 0f);
            if (to > from) {
                if (att.length < to - from) {
                    att = new float[to - from];
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int p = from; p < to; p++) {
                    attention.apply(buf, (p - bufStart) * hidden, score, 0);
                    att[p - from] = score[0];
                    max = Math.max(max, score[0]);
                }
                float sum = 0;
                for (int k = 0; k < to - from; k++) {
                    att[k] = (float) Math.exp(att[k] - max);
                    sum += att[k];
                }
                for (int p = from; p < to; p++) {
                    Linear.axpy(att[p - from] / sum, buf, (p - bufStart) * hidden, x, 0, hidden);
                }
            }
            sink.accept(w, x, 0);
            if (graph != null) {
                if (pending == pendingWord.length) {
                    pendingWord = java.util.Arrays.copyOf(pendingWord, Math.max(64, pending * 2));
                    pendingX = java.util.Arrays.copyOf(pendingX, pendingWord.length * hidden);
                }
                System.arraycopy(x, 0, pendingX, pending * hidden, hidden);
                pendingWord[pending++] = w;
                return;
            }
            proj1.apply(x, 0, h1, 0);
            Linear.relu(h1);
            proj2.apply(h1, 0, u, w * proj2.out);
        }

        /** The document's word vectors u, after the word-level LSTMs; every piece must have been added. */
        public Words finish() {
            while (next < n && wordEnd[next] <= bufEnd) {
                pool(next++); // words without pieces at the end (or a document without any)
            }
            flush();
            if (next < n) {
                throw new IllegalStateException("word " + next + " ends at piece " + wordEnd[next] + ", pieces came up to "
                        + bufEnd);
            }
            if (forward != null) {
                // word-level context: u + [forward LSTM ; backward LSTM] over the document's words
                int d = proj2.out;
                float[] context = new float[n * d];
                if (n > 0) {
                    forward.run(u, n, false, forwardInputs, context, d, 0);
                    backward.run(u, n, true, backwardInputs, context, d, forward.hidden);
                }
                for (int i = 0; i < u.length; i++) {
                    u[i] += context[i];
                }
            }
            return new Words(null, u, n, hidden, proj2.out);
        }
    }
}
