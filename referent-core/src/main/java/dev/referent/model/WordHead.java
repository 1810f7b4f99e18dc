package dev.referent.model;

/**
 * From wordpieces to words: when the encoder returns several layers, each piece is first their learned weighted sum
 * ({@code word.mix}: softmax weights, scaled by {@code word.mix.scale}, as ELMo's scalar mix); then each word is the
 * attention-weighted sum of its wordpiece vectors ({@code x}), and a two-layer projection turns it into the smaller
 * representation the scorers use ({@code u}); optionally two one-way LSTMs over the document's words add
 * task-specific context to it (the encoder itself is frozen).
 */
final class WordHead {

    private final float[] mix;
    private final Linear attention;
    private final Linear proj1;
    private final Linear proj2;
    private final Lstm forward;
    private final Lstm backward;

    record Words(float[] x, float[] u, int count, int xDim, int uDim) {
    }

    WordHead(Weights w) {
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
    }

    int dim() {
        return proj2.out;
    }

    /** Number of encoder layers the head mixes. */
    int layers() {
        return mix.length;
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

    /** The pieces with the layers mixed: [pieceCount x hidden]. */
    private float[] mixedPieces(WordEncoder.Encoded enc) {
        if (enc.layers() != mix.length) {
            throw new IllegalArgumentException("the heads mix " + mix.length + " encoder layers, the encoding has "
                    + enc.layers());
        }
        float[] all = enc.pieces();
        if (mix.length == 1 && mix[0] == 1f) {
            return all;
        }
        int block = enc.pieceCount() * enc.hidden();
        float[] out = new float[block];
        for (int l = 0; l < mix.length; l++) {
            Linear.axpy(mix[l], all, l * block, out, 0, block);
        }
        return out;
    }

    Words apply(WordEncoder.Encoded enc) {
        int hidden = enc.hidden();
        int n = enc.words();
        float[] pieces = mixedPieces(enc);
        float[] score = new float[1];
        float[] x = new float[n * hidden];
        for (int w = 0; w < n; w++) {
            int from = enc.wordStart()[w];
            int to = enc.wordEnd()[w];
            if (to <= from) {
                continue;
            }
            float[] a = new float[to - from];
            float max = Float.NEGATIVE_INFINITY;
            for (int p = from; p < to; p++) {
                attention.apply(pieces, p * hidden, score, 0);
                a[p - from] = score[0];
                max = Math.max(max, score[0]);
            }
            float sum = 0;
            for (int k = 0; k < a.length; k++) {
                a[k] = (float) Math.exp(a[k] - max);
                sum += a[k];
            }
            for (int p = from; p < to; p++) {
                Linear.axpy(a[p - from] / sum, pieces, p * hidden, x, w * hidden, hidden);
            }
        }
        float[] hiddenLayer = proj1.apply(x, n);
        Linear.relu(hiddenLayer);
        float[] u = proj2.apply(hiddenLayer, n);
        if (forward != null) {
            // word-level context: u + [forward LSTM ; backward LSTM] over the document's words
            int d = proj2.out;
            float[] context = new float[n * d];
            forward.run(u, n, false, context, d, 0);
            backward.run(u, n, true, context, d, forward.hidden);
            for (int i = 0; i < u.length; i++) {
                u[i] += context[i];
            }
        }
        return new Words(x, u, n, hidden, proj2.out);
    }
}
