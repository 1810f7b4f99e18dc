package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.referent.doc.Document;
import dev.referent.doc.Sentence;
import dev.referent.model.heads.WeightNames;

import java.util.List;

/**
 * Start and end scores of every token of a head word's sentence (training twin of the runtime
 * {@link dev.referent.model.heads.SpanPredictor}).
 */
public final class SpanPredictorNet {

    private final Params.Dense p;
    private final Params.Dense q;
    private final NDArray distance;
    private final Params.Dense out;
    private final int maxDistance;

    public SpanPredictorNet(Params params, int wordDim, int spanHidden, int maxDistance) {
        p = params.dense(WeightNames.SPAN_HEAD, wordDim, spanHidden, true);
        q = params.dense(WeightNames.SPAN_TOKEN, wordDim, spanHidden, false);
        distance = params.table(WeightNames.SPAN_DISTANCE, 2 * maxDistance + 1, spanHidden);
        out = params.dense(WeightNames.SPAN_OUT, spanHidden, 2, true);
        this.maxDistance = maxDistance;
    }

    /**
     * Cross-entropy of the gold start and end of every gold mention ({head, start, end} inclusive), summed over
     * mentions and divided by their number.
     */
    public NDArray loss(NDManager step, Document doc, NDArray u, List<int[]> spans) {
        int m = spans.size();
        int[] heads = new int[m];
        for (int r = 0; r < m; r++) {
            heads[r] = spans.get(r)[0];
        }
        int width = width(doc, heads);
        float[] startMask = new float[m * width];
        float[] endMask = new float[m * width];
        float[] startGold = new float[m * width];
        float[] endGold = new float[m * width];
        for (int r = 0; r < m; r++) {
            int h = heads[r];
            Sentence sentence = doc.sentenceOf(h);
            for (int c = 0; c < width; c++) {
                int t = sentence.tokenStart() + c;
                int cell = r * width + c;
                boolean real = t < sentence.tokenEnd();
                startMask[cell] = real && t <= h ? 0f : -1e9f;
                endMask[cell] = real && t >= h ? 0f : -1e9f;
                startGold[cell] = t == spans.get(r)[1] ? 1f : 0f;
                endGold[cell] = t == spans.get(r)[2] ? 1f : 0f;
            }
        }
        NDArray o = scores(step, doc, u, heads);
        Shape grid = new Shape(m, width);
        NDArray start = o.get(":, :, 0").add(step.create(startMask, grid)).logSoftmax(1);
        NDArray end = o.get(":, :, 1").add(step.create(endMask, grid)).logSoftmax(1);
        NDArray nll = start.mul(step.create(startGold, grid)).sum().add(end.mul(step.create(endGold, grid)).sum());
        return nll.neg().div(Scalars.of(step, Math.max(1, m)));
    }

    /**
     * Unmasked start and end scores [M, W, 2] of the tokens of each head's sentence: cell (r, c) is token c of the
     * sentence of {@code heads[r]}, W the longest of those sentences (cells past a shorter sentence's end are filler
     * that {@link #loss} masks).
     */
    public NDArray scores(NDManager step, Document doc, NDArray u, int[] heads) {
        int m = heads.length;
        int width = width(doc, heads);
        long[] headIndex = new long[m * width];
        long[] cands = new long[m * width];
        float[] dist = new float[m * width * (2 * maxDistance + 1)];
        for (int r = 0; r < m; r++) {
            int h = heads[r];
            Sentence sentence = doc.sentenceOf(h);
            for (int c = 0; c < width; c++) {
                int t = sentence.tokenStart() + c;
                int cell = r * width + c;
                headIndex[cell] = h;
                boolean real = t < sentence.tokenEnd();
                cands[cell] = real ? t : h;
                int row = real ? Math.max(-maxDistance, Math.min(maxDistance, t - h)) + maxDistance : maxDistance;
                dist[cell * (2 * maxDistance + 1) + row] = 1f;
            }
        }
        Shape flat = new Shape(m * (long) width);
        NDArray uh = u.get(step.create(headIndex, flat).toType(DataType.INT64, false));
        NDArray ut = u.get(step.create(cands, flat).toType(DataType.INT64, false));
        NDArray dz = step.create(dist, new Shape(m * (long) width, 2 * maxDistance + 1)).matMul(distance);
        NDArray z = Activation.relu(p.apply(uh).add(q.apply(ut)).add(dz));
        return out.apply(z).reshape(m, width, 2);
    }

    private static int width(Document doc, int[] heads) {
        int width = 1;
        for (int h : heads) {
            width = Math.max(width, doc.sentenceOf(h).size());
        }
        return width;
    }
}
