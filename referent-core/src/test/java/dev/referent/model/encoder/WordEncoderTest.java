package dev.referent.model.encoder;

import dev.referent.model.Cancellation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordEncoderTest {

    private static WordEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = WordEncoder.load(EncoderSpec.BGE_SMALL, 2, 0.25);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void everyWordGetsItsPiecesAndVectors() {
        List<String> words = List.of("Referent", "resolves", "coreference", "in", "news", ".");
        WordEncoder.Encoded e = encoder.encode(words);
        assertEquals(6, e.words());
        assertEquals(384, e.hidden());
        assertTrue(e.pieceCount() > 6, "subword splitting expected");
        for (int w = 0; w < 6; w++) {
            assertTrue(e.wordEnd()[w] > e.wordStart()[w], "word " + w + " has no pieces");
        }
        float norm = 0;
        for (int i = 0; i < 384; i++) {
            norm += e.pieces()[i] * e.pieces()[i];
        }
        assertTrue(norm > 0);
        assertArrayEquals(e.pieces(), encoder.encode(words).pieces(), "deterministic");
    }

    @Test
    void longDocumentsUseOverlappingWindowsWithoutLengthLimit() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            words.add(i % 7 == 0 ? "." : "word" + (i % 13));
        }
        WordEncoder.Encoded all = encoder.encode(words);
        assertTrue(all.pieceCount() > 1500);
        int[] starts = encoder.windowStarts(all.pieceCount());
        assertTrue(starts.length >= 3);
        assertEquals(all.pieceCount() - 510, starts[starts.length - 1]);
        // pieces owned by the first window equal the encoding of the first 510 pieces alone
        List<String> prefix = new ArrayList<>();
        int pieces = 0;
        for (int w = 0; w < words.size() && pieces + (all.wordEnd()[w] - all.wordStart()[w]) <= 510; w++) {
            prefix.add(words.get(w));
            pieces += all.wordEnd()[w] - all.wordStart()[w];
        }
        WordEncoder.Encoded head = encoder.encode(prefix);
        int probe = 100 * 384;
        float[] a = Arrays.copyOfRange(all.pieces(), probe, probe + 384);
        float[] b = Arrays.copyOfRange(head.pieces(), probe, probe + 384);
        // same window content except its tail: the vectors of an early piece are close but, with different right
        // context, not identical; the check is that nothing is shifted or mixed up
        double cos = 0, na = 0, nb = 0;
        for (int i = 0; i < 384; i++) {
            cos += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        assertTrue(cos / Math.sqrt(na * nb) > 0.9, "cosine " + cos / Math.sqrt(na * nb));
    }

    /**
     * Each piece takes the vector of its own position in the window, between the window's [CLS] (first position)
     * and [SEP] (last): a shift by one position would give the first piece [CLS]'s vector or the last one [SEP]'s.
     */
    @Test
    void pieceVectorsComeFromTheirOwnPositions() {
        List<String> words = List.of("Referent", "resolves", "coreference", "in", "news", ".");
        WordEncoder.Encoded e = encoder.encode(words);
        int h = e.hidden();
        int last = e.pieceCount() - 1;
        float[] cls = Arrays.copyOfRange(e.specials(), 0, h);
        float[] sep = Arrays.copyOfRange(e.specials(), h, 2 * h);
        float[] first = Arrays.copyOfRange(e.pieces(), 0, h);
        float[] end = Arrays.copyOfRange(e.pieces(), last * h, (last + 1) * h);
        assertTrue(!Arrays.equals(first, cls) && !Arrays.equals(end, cls), "a piece carries the [CLS] vector");
        assertTrue(!Arrays.equals(first, sep) && !Arrays.equals(end, sep), "a piece carries the [SEP] vector");
        // the same through the windows handed out one by one
        WordEncoder.Pieces pieces = encoder.tokenize(words);
        encoder.encode(pieces, Cancellation.NONE, window -> {
            assertEquals(0, window.from());
            assertEquals(pieces.count(), window.to());
            assertEquals(window.clsOffset() + h, window.offset(0), "piece 0 right after [CLS]");
            assertEquals(window.sepOffset() - h, window.offset(last), "the last piece right before [SEP]");
            assertArrayEquals(first, Arrays.copyOfRange(window.array(0), window.offset(0), window.offset(0) + h));
        });
    }

    @Test
    void emptyInput() {
        assertEquals(0, encoder.encode(List.of()).pieceCount());
    }

    /** Intermediate layers come from the same run as the last one, in the order asked for. */
    @Test
    void returnsRequestedLayersWithTheLastOneUnchanged() {
        List<String> words = List.of("She", "said", "the", "treaty", "was", "signed", ".");
        WordEncoder.Encoded last = encoder.encode(words);
        try (WordEncoder layered = WordEncoder.load(EncoderSpec.BGE_SMALL, 2, 0.25, new int[] {12, 3, 0})) {
            assertArrayEquals(new int[] {12, 3, 0}, layered.layers());
            WordEncoder.Encoded e = layered.encode(words);
            assertEquals(3, e.layers());
            int block = e.pieceCount() * e.hidden();
            assertEquals(3 * block, e.pieces().length);
            float[] top = Arrays.copyOfRange(e.pieces(), 0, block);
            for (int i = 0; i < block; i++) {
                assertEquals(last.pieces()[i], top[i], 1e-4, "last layer, value " + i);
            }
            float[] layer3 = Arrays.copyOfRange(e.pieces(), block, 2 * block);
            float[] embeddings = Arrays.copyOfRange(e.pieces(), 2 * block, 3 * block);
            assertTrue(!Arrays.equals(layer3, top) && !Arrays.equals(layer3, embeddings), "three different layers");
        }
    }

    /**
     * Whole-document encodings (training's) of a document whose layers x pieces x hidden exceeds the largest Java
     * array are refused with a clear error instead of overflowing the int size (the 5 MB article's
     * "referent: -1573415680"); inference streams windows and never builds that array.
     */
    @Test
    void aWholeEncodingPastTheLargestArrayIsAClearError() {
        // 13 layers x 384: past the largest array from 430,186 pieces; "a" is one piece
        List<String> words = java.util.Collections.nCopies(431_000, "a");
        try (WordEncoder layered = WordEncoder.load(EncoderSpec.BGE_SMALL, 1, 0.25,
                java.util.stream.IntStream.rangeClosed(0, 12).toArray())) {
            assertEquals(431_000, layered.tokenize(words).count());
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> layered.encode(words));
            assertTrue(e.getMessage().contains("13 layers x 431000 pieces x 384"), e.getMessage());
        }
    }

    @Test
    void layerOutOfRangeIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WordEncoder.load(EncoderSpec.BGE_SMALL, 1, 0.25, new int[] {13}));
        assertTrue(e.getMessage().contains("layers 0..12"), e.getMessage());
    }

    @Test
    void onnxGraphListsTheLayerNormalisationsOfEachLayer() throws java.io.IOException {
        byte[] model;
        try (var in = WordEncoder.class.getResourceAsStream(EncoderSpec.BGE_SMALL.onnxResource())) {
            model = in.readAllBytes();
        }
        List<String> layers = OnnxGraph.layerOutputs(model);
        assertEquals(13, layers.size(), "embeddings + 12 layers");
        assertTrue(layers.get(0).contains("embeddings"), layers.get(0));
        assertTrue(layers.get(5).contains("layer.4/output"), layers.get(5));
        assertEquals("last_hidden_state", layers.get(12));
        byte[] extended = OnnxGraph.withOutputs(model, List.of(layers.get(5)));
        assertEquals(model.length + layers.get(5).length() + 4, extended.length, "one output entry added");
    }
}
