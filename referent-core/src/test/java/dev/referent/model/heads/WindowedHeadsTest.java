package dev.referent.model.heads;

import dev.referent.model.encoder.WordEncoder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window plumbing of the heads on small made-up tensors: fast, and independent of the encoder. */
class WindowedHeadsTest {

    private static Weights.Tensor t(int[] shape, float[] data) {
        return new Weights.Tensor(shape, data);
    }

    private static float[] random(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** A word head mixing {@code layers} layers of {@code hidden}, with word-level LSTMs, random weights. */
    private static WordHead head(Random r, int layers, int hidden, int d) {
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("word.mix", t(new int[] {layers}, random(r, layers)));
        m.put("word.mix.scale", t(new int[] {1}, new float[] {1.5f}));
        m.put("word.att.weight", t(new int[] {1, hidden}, random(r, hidden)));
        m.put("word.att.bias", t(new int[] {1}, new float[] {0.1f}));
        m.put("word.proj1.weight", t(new int[] {6, hidden}, random(r, 6 * hidden)));
        m.put("word.proj1.bias", t(new int[] {6}, random(r, 6)));
        m.put("word.proj2.weight", t(new int[] {d, 6}, random(r, d * 6)));
        int h = d / 2;
        for (String dir : new String[] {"ctx.fwd", "ctx.bwd"}) {
            m.put(dir + ".i2h.weight", t(new int[] {4 * h, d}, random(r, 4 * h * d)));
            m.put(dir + ".h2h.weight", t(new int[] {4 * h, h}, random(r, 4 * h * h)));
            m.put(dir + ".i2h.bias", t(new int[] {4 * h}, random(r, 4 * h)));
            m.put(dir + ".h2h.bias", t(new int[] {4 * h}, random(r, 4 * h)));
        }
        return new WordHead(new Weights(m));
    }

    /**
     * Pieces fed in runs of {@code chunk} (as windows own them: a word's pieces often split between two windows)
     * give exactly the vectors of the whole document fed at once, and the builder never holds more than a run plus
     * the unfinished word: memory is bounded by the window, not by the document.
     */
    @Test
    void piecesFedWindowByWindowGiveTheWholeDocumentVectors() {
        Random r = new Random(7);
        int layers = 3;
        int hidden = 4;
        int d = 4;
        WordHead head = head(r, layers, hidden, d);
        // 20,000 words of 0 to 3 pieces (words without pieces happen: characters the tokenizer drops)
        int n = 20_000;
        int[] start = new int[n];
        int[] end = new int[n];
        int pieces = 0;
        for (int w = 0; w < n; w++) {
            start[w] = pieces;
            pieces += w % 97 == 0 ? 0 : 1 + r.nextInt(3);
            end[w] = pieces;
        }
        float[] all = random(r, layers * pieces * hidden);
        WordEncoder.Encoded enc = new WordEncoder.Encoded(all, layers, pieces, hidden, start, end);
        WordHead.Words whole = head.apply(enc);

        int chunk = 37;
        float[] x = new float[n * hidden];
        WordHead.Builder builder = head.builder(start, end, hidden,
                (word, vector, off) -> System.arraycopy(vector, off, x, word * hidden, hidden));
        float[][] arrays = new float[layers][];
        int[] bases = new int[layers];
        for (int from = 0; from < pieces; from += chunk) {
            int to = Math.min(pieces, from + chunk);
            // each run in its own arrays, as each window's output is: layer l of piece p at (p - from) * hidden
            for (int l = 0; l < layers; l++) {
                arrays[l] = java.util.Arrays.copyOfRange(all, (l * pieces + from) * hidden, (l * pieces + to) * hidden);
                bases[l] = 0;
            }
            builder.add(from, to, arrays, bases, from);
        }
        WordHead.Words windowed = builder.finish();
        assertArrayEquals(whole.x(), x, "x");
        assertArrayEquals(whole.u(), windowed.u(), "u");
        assertTrue(builder.mostBuffered() <= chunk + 3, "held " + builder.mostBuffered() + " pieces at once");
    }

    @Test
    void piecesMustComeInOrderAndAll() {
        WordHead head = head(new Random(1), 2, 4, 4);
        int[] start = {0, 2};
        int[] end = {2, 3};
        float[][] arrays = {new float[12], new float[12]};
        int[] bases = {0, 0};
        WordHead.Builder gap = head.builder(start, end, 4, (w, x, off) -> { });
        assertThrows(IllegalStateException.class, () -> gap.add(1, 3, arrays, bases, 0));
        WordHead.Builder missing = head.builder(start, end, 4, (w, x, off) -> { });
        missing.add(0, 2, arrays, bases, 0);
        assertThrows(IllegalStateException.class, missing::finish);
    }

    /**
     * With a bound, each word's candidates are the best among the words within the bound (checked against a plain
     * search); with a bound of at least the document, the same as without one.
     */
    @Test
    void coarseCandidatesStayWithinTheBound() {
        Random r = new Random(3);
        int d = 5;
        int n = 300;
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("rough.bilinear.weight", t(new int[] {d, d}, random(r, d * d)));
        RoughScorer rough = new RoughScorer(new Weights(m));
        float[] u = random(r, n * d);
        int k = 7;
        RoughScorer.Candidates unbounded = rough.topK(u, n, d, k, null);
        RoughScorer.Candidates same = rough.topK(u, n, d, k, n, null);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(unbounded.antecedents()[i], same.antecedents()[i]);
            assertArrayEquals(unbounded.scores()[i], same.scores()[i]);
        }
        int bound = 20;
        RoughScorer.Candidates near = rough.topK(u, n, d, k, bound, null);
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - bound);
            assertEquals(Math.min(k, i - lo), near.antecedents()[i].length, "word " + i);
            // the plain search: score every word in [lo, i), keep the k best
            float[] all = new float[i - lo];
            for (int j = lo; j < i; j++) {
                float s = 0;
                for (int a = 0; a < d; a++) {
                    float wu = 0;
                    for (int b = 0; b < d; b++) {
                        wu += m.get("rough.bilinear.weight").data()[a * d + b] * u[i * d + b];
                    }
                    s += wu * u[j * d + a];
                }
                all[j - lo] = s;
            }
            float[] sorted = all.clone();
            java.util.Arrays.sort(sorted);
            for (int c = 0; c < near.antecedents()[i].length; c++) {
                int j = near.antecedents()[i][c];
                assertTrue(j >= lo && j < i, "word " + i + ": candidate " + j + " outside the bound");
                assertEquals(sorted[sorted.length - 1 - c], near.scores()[i][c], 1e-4f, "word " + i + " rank " + c);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> rough.topK(u, n, d, k, 0, null));
    }
}
