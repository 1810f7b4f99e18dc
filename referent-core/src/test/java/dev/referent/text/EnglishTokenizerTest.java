package dev.referent.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnglishTokenizerTest {

    private final EnglishTokenizer tokenizer = new EnglishTokenizer();

    private List<String> tok(String text) {
        return tokenizer.tokenStrings(text);
    }

    @Test
    void splitsCliticsWithStraightAndCurlyApostrophes() {
        assertEquals(List.of("Kelly", "'s", "comments", "do", "n't", "matter"), tok("Kelly's comments don't matter"));
        assertEquals(List.of("Kelly", "’s", "dog", "ca", "n’t", "bark"), tok("Kelly’s dog can’t bark"));
        assertEquals(List.of("They", "'re", "sure", "we", "'ll", "go", ",", "I", "'m", "told", ",", "you", "'ve", "seen", "he", "'d"),
                tok("They're sure we'll go, I'm told, you've seen he'd"));
        assertEquals(List.of("the", "workers", "'", "union"), tok("the workers' union"));
        assertEquals(List.of("I", "can", "not"), tok("I cannot"));
    }

    @Test
    void keepsAbbreviationsNumbersAndSpecialTokensWhole() {
        assertEquals(List.of("The", "U.S.", "economy", "grew", "100%", "in", "1,000", "days", "."),
                tok("The U.S. economy grew 100% in 1,000 days."));
        assertEquals(List.of("Mr.", "Smith", "met", "Dr.", "Jones", "on", "Jan.", "5", "."), tok("Mr. Smith met Dr. Jones on Jan. 5."));
        assertEquals(List.of("Follow", "@BobPriceBBTX", "and", "#news", "at", "https://example.com/a?b=1", "."),
                tok("Follow @BobPriceBBTX and #news at https://example.com/a?b=1."));
        assertEquals(List.of("Mail", "jane.doe@example.org", "or", "visit", "www.example.co.uk", "today"),
                tok("Mail jane.doe@example.org or visit www.example.co.uk today"));
        assertEquals(List.of("a", "well-known", "state-of-the-art", "plan"), tok("a well-known state-of-the-art plan"));
        assertEquals(List.of("Enrique", "Peña", "Nieto"), tok("Enrique Peña Nieto"));
        assertEquals(List.of("It", "cost", "$", "5.25", "."), tok("It cost $5.25."));
    }

    @Test
    void splitsPunctuationAndQuotes() {
        assertEquals(List.of("\"", "Yes", ",", "\"", "he", "said", "(", "quietly", ")", "."), tok("\"Yes,\" he said (quietly)."));
        assertEquals(List.of("“", "No", "!", "”", "she", "shouted", "—", "twice", "…"), tok("“No!” she shouted—twice…"));
        assertEquals(List.of("He", "left", "...", "then", "came", "back", "."), tok("He left... then came back."));
        assertEquals(List.of("and", "/", "or"), tok("and/or"));
        assertEquals(List.of("won", "3", "-", "1"), tok("won 3-1"));
    }

    @Test
    void emptyAndWhitespaceInputs() {
        assertEquals(List.of(), tok(""));
        assertEquals(List.of(), tok("  \n\t \r\n \u00A0 "));
    }

    @Test
    void offsetsReproduceTheTextAndOnlyWhitespaceIsSkipped() {
        String text = "  “Hello,” said Kelly’s aide.\r\nU.S. officials—unnamed—met @Bob at 10:30 p.m. (EST)...  ";
        int[] spans = tokenizer.tokenize(text);
        StringBuilder rebuilt = new StringBuilder();
        int previous = 0;
        for (int k = 0; k < spans.length; k += 2) {
            String gap = text.substring(previous, spans[k]);
            assertTrue(gap.isBlank(), "non-whitespace skipped: '" + gap + "'");
            rebuilt.append(gap).append(text, spans[k], spans[k + 1]);
            assertTrue(spans[k + 1] > spans[k]);
            previous = spans[k + 1];
        }
        rebuilt.append(text.substring(previous));
        assertEquals(text, rebuilt.toString());
    }

    @Test
    void invalidSurrogatesAreKeptNotLost() {
        String text = "bad \uD800 pair and lone \uDC00x and emoji \uD83D\uDE00!";
        int[] spans = tokenizer.tokenize(text);
        StringBuilder nonSpace = new StringBuilder();
        for (int k = 0; k < spans.length; k += 2) {
            nonSpace.append(text, spans[k], spans[k + 1]);
        }
        assertEquals(text.replaceAll("\\s", ""), nonSpace.toString());
    }

    @Test
    void fiveMegabytesTokenizeInLinearTime() {
        String paragraph = "U.S. President Barack Obama said on Thursday that he'd sign the treaty, \"and soon.\" "
                + "His aides (including Dr. Smith) didn't comment; the deal costs $1,500.75 or 100%.\n\n";
        StringBuilder big = new StringBuilder();
        while (big.length() < 5_000_000) {
            big.append(paragraph);
        }
        String text = big.toString();
        String tenth = text.substring(0, text.length() / 10);
        tokenizer.tokenize(tenth); // warm-up
        long t0 = System.nanoTime();
        int[] small = tokenizer.tokenize(tenth);
        long t1 = System.nanoTime();
        int[] all = tokenizer.tokenize(text);
        long t2 = System.nanoTime();
        assertEquals(10.0, (double) all.length / small.length, 0.1);
        // linear work gives a time ratio near 10; quadratic work would give about 100. The bound is loose because
        // the machine is shared; it only catches a change of complexity class.
        double timeRatio = (double) (t2 - t1) / Math.max(1, t1 - t0);
        assertTrue(timeRatio < 40, "10x the input took " + timeRatio + "x the time");
        // a single 5 MB chunk without whitespace must not go quadratic either
        String noSpaces = "a.b-c".repeat(1_000_000);
        assertTrue(tokenizer.tokenize(noSpaces).length >= 2);
    }
}
