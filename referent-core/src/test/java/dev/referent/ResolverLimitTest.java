package dev.referent;

import dev.referent.rewrite.RewriteOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one length limit every entry point shares. */
class ResolverLimitTest {

    @Test
    void aTextOverTheLimitIsAClearUsageError() {
        assertEquals(1_000_000, Resolver.MAX_CHARS);
        String longest = "a".repeat(Resolver.MAX_CHARS);
        assertDoesNotThrow(() -> Resolver.checkLength(longest));
        InputTooLongException e = assertThrows(InputTooLongException.class,
                () -> Resolver.checkLength(longest + "b"));
        assertEquals("text has 1,000,001 characters, over the limit of 1,000,000", e.getMessage());
        assertEquals(1_000_001, e.length());
        assertEquals(1_000_000, e.limit());
    }

    @Test
    void resolveRefusesItBeforeAnyWork() {
        // no model at all: the check comes before the text is analysed or encoded
        Resolver resolver = new Resolver(null, RewriteOptions.defaults());
        String text = "word ".repeat(1_000_000);
        InputTooLongException e = assertThrows(InputTooLongException.class, () -> resolver.resolve("big", text));
        assertEquals("text has 5,000,000 characters, over the limit of 1,000,000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("big", text), "a usage error");
    }
}
