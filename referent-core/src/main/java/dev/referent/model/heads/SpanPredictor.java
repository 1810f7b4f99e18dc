package dev.referent.model.heads;

import dev.referent.doc.Document;
import dev.referent.doc.Sentence;

/**
 * Expands a head word into its full mention: scores every token of the head's sentence as the mention's start and
 * as its end (a feed-forward network over head, token and their clipped distance) and keeps the best start at or
 * before the head and the best end at or after it.
 */
public final class SpanPredictor {

    private final Linear p;
    private final Linear q;
    private final Linear out;
    private final float[] distance;
    private final int maxDistance;

    public SpanPredictor(Weights w) {
        p = new Linear(w, WeightNames.SPAN_HEAD);
        q = new Linear(w, WeightNames.SPAN_TOKEN);
        out = new Linear(w, WeightNames.SPAN_OUT);
        Weights.Tensor dist = w.get(WeightNames.SPAN_DISTANCE, 2);
        distance = dist.data();
        maxDistance = (dist.dim(0) - 1) / 2;
        if (dist.dim(1) != p.out || out.out != 2) {
            throw new IllegalArgumentException("span predictor tensors do not fit together");
        }
    }

    /** Index of the distance embedding row for token t relative to head h. */
    static int distanceRow(int t, int h, int maxDistance) {
        return Math.max(-maxDistance, Math.min(maxDistance, t - h)) + maxDistance;
    }

    /** The token-side projection q(u_t) of every word, computed once per document. */
    public float[] project(float[] u, int n, int d) {
        float[] qAll = new float[n * p.out];
        for (int t = 0; t < n; t++) {
            q.applyNoBias(u, t * d, qAll, t * p.out);
        }
        return qAll;
    }

    /** [start, end) token range of the mention headed by {@code head}; {@code qAll} from {@link #project}. */
    public int[] span(Document doc, float[] u, int d, int head, float[] qAll) {
        Sentence sentence = doc.sentenceOf(head);
        int from = sentence.tokenStart();
        float[] o = scores(u, d, head, qAll, from, sentence.tokenEnd());
        int bestStart = head;
        int bestEnd = head;
        float startScore = Float.NEGATIVE_INFINITY;
        float endScore = Float.NEGATIVE_INFINITY;
        for (int t = from; t < sentence.tokenEnd(); t++) {
            int c = 2 * (t - from);
            if (t <= head && o[c] > startScore) {
                startScore = o[c];
                bestStart = t;
            }
            if (t >= head && o[c + 1] > endScore) {
                endScore = o[c + 1];
                bestEnd = t;
            }
        }
        return new int[] {bestStart, bestEnd + 1};
    }

    /**
     * The start and end scores of tokens {@code from..to-1} as the mention of {@code head}: [(to - from) x 2], start
     * score first. {@link #span} keeps the best of them; the parity test compares them with the training network.
     */
    float[] scores(float[] u, int d, int head, float[] qAll, int from, int to) {
        int s = p.out;
        float[] ph = new float[s];
        p.apply(u, head * d, ph, 0);
        float[] z = new float[s];
        float[] o = new float[2 * (to - from)];
        for (int t = from; t < to; t++) {
            int row = distanceRow(t, head, maxDistance) * s;
            for (int k = 0; k < s; k++) {
                float v = ph[k] + qAll[t * s + k] + distance[row + k];
                z[k] = v > 0 ? v : 0;
            }
            out.apply(z, 0, o, 2 * (t - from));
        }
        return o;
    }
}
