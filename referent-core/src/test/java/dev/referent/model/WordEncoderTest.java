package dev.referent.model;

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

    @Test
    void emptyInput() {
        assertEquals(0, encoder.encode(List.of()).pieceCount());
    }
}
