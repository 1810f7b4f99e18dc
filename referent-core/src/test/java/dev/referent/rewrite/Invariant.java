package dev.referent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewriter's invariant: every character outside a replaced span is preserved exactly, in order. */
final class Invariant {

    private Invariant() {
    }

    static void check(String original, Rewriter.Result result) {
        String out = result.text();
        int inPos = 0;
        int outPos = 0;
        for (Replacement r : result.replacements()) {
            assertTrue(r.start() >= inPos, "replacements overlap or are out of order");
            assertEquals(original.substring(inPos, r.start()), out.substring(outPos, r.outputStart()));
            assertEquals(r.original(), original.substring(r.start(), r.end()));
            assertEquals(r.replacement(), out.substring(r.outputStart(), r.outputEnd()));
            inPos = r.end();
            outPos = r.outputEnd();
        }
        assertEquals(original.substring(inPos), out.substring(outPos));
    }
}
