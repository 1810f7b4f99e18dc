package dev.referent.text;

import dev.referent.doc.Document;
import dev.referent.doc.Quote;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the tokenizer, sentence splitter and quote finder on any string (issue 19, item 5): every token
 * equals its text range and holds no space, tokens are ordered and do not overlap, sentences cover the tokens in
 * order, quotes stay inside the text, and nothing throws: surrogates (paired and not), control characters, odd
 * Unicode, 100 KB without a space. Tries: {@code jqwik.tries.default} (200 in the build; see docs/BENCHMARKS.md for
 * the long run).
 */
class TokenizerPropertiesTest {

    private final TextAnalyzer analyzer = new TextAnalyzer();
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();

    /** The properties every analysis must have. */
    static void check(String text, Document doc) {
        List<Token> tokens = doc.tokens();
        int previousEnd = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            assertEquals(i, t.index());
            assertTrue(t.start() < t.end(), "empty token " + i);
            assertTrue(t.start() >= previousEnd, "token " + i + " overlaps or goes back");
            assertEquals(text.substring(t.start(), t.end()), t.text(), "token " + i);
            for (int k = 0; k < t.text().length(); k++) {
                if (EnglishTokenizer.isSpace(t.text().charAt(k))) {
                    throw new AssertionError("space inside token " + i + ": " + t);
                }
            }
            // a token boundary never splits a surrogate pair (an emoji is never cut in two)
            assertFalse(splitsPair(text, t.start()) || splitsPair(text, t.end()), "token " + i + " cuts a surrogate pair");
            previousEnd = t.end();
        }
        // every non-space character is in a token
        int covered = 0;
        int next = 0;
        for (Token t : tokens) {
            for (int k = next; k < t.start(); k++) {
                if (!EnglishTokenizer.isSpace(text.charAt(k))) {
                    throw new AssertionError("character " + k + " (U+" + Integer.toHexString(text.charAt(k))
                            + ") is in no token");
                }
            }
            covered += t.end() - t.start();
            next = t.end();
        }
        for (int k = next; k < text.length(); k++) {
            if (!EnglishTokenizer.isSpace(text.charAt(k))) {
                throw new AssertionError("character " + k + " is in no token");
            }
        }
        assertTrue(covered <= text.length());
        int expected = 0;
        for (Sentence s : doc.sentences()) {
            assertEquals(expected, s.tokenStart());
            assertTrue(s.tokenEnd() > s.tokenStart());
            expected = s.tokenEnd();
        }
        assertEquals(tokens.size(), expected, "sentences cover every token");
        for (Quote q : doc.quotes()) {
            assertTrue(0 <= q.start() && q.start() <= q.end() && q.end() <= text.length(), q.toString());
        }
    }

    private static boolean splitsPair(String text, int at) {
        return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }

    @Property
    void anyUnicodeString(@ForAll @StringLength(max = 300) String text) {
        check(text, analyzer.analyze("p", text));
    }

    @Property
    void newsLikeText(@ForAll("news") String text) {
        check(text, analyzer.analyze("p", text));
    }

    @Property
    void tokenizeAgreesWithAnalyze(@ForAll("news") String text) {
        int[] spans = tokenizer.tokenize(text);
        Document doc = analyzer.analyze("p", text);
        assertEquals(doc.size() * 2, spans.length);
    }

    /**
     * Text made of the pieces the tokenizer treats specially (clitics, abbreviations, numbers, URLs, quotes, dashes,
     * emoji) and of hostile ones (unpaired surrogates, control characters, zero-width and other spaces), joined
     * with or without spaces.
     */
    @Provide
    Arbitrary<String> news() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("John", "Kelly's", "don't", "they're", "we'll", "I'm", "she'd", "’s", "n’t", "U.S.", "Mr.",
                        "Jan.", "100%", "3.5", "1,000", "@handle", "#tag", "https://example.com/a?b=c&d=e.", "a@b.co",
                        "well-known", "--", "—", "...", "…", "\"", "'", "“", "”", "‘", "’", "(", ")", "[", "]", ".", ",",
                        "?!", ";", ":", "1.", "a)", "e.g.", "U.S.A", "'90s", "Smiths'", "O'Neill", "rock'n'roll",
                        "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD800", "\uDC00", "\uDBFF\uDBFF", "\uFFFD",
                        "\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0085", "\u200B", "\u200D", "\uFEFF", "\u00A0",
                        "\u2028", "\u2029", "\r\n", "\n\n", "\t", "é", "e\u0301", "ß", "İ", "ﬁ", "١٢٣", "中文", "ｆｕｌｌ"),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().withCharRange('\u0000', '\u001F').ofMinLength(1).ofMaxLength(3));
        Arbitrary<String> sep = Arbitraries.of("", " ", " ", " ", "\n", "  ", "\u00A0");
        return Arbitraries.lazy(() -> piece.list().ofMaxSize(60).flatMap(pieces -> sep.list().ofSize(pieces.size()).map(seps -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < pieces.size(); i++) {
                sb.append(pieces.get(i)).append(seps.get(i));
            }
            return sb.toString();
        })));
    }

    @Example
    void hundredKilobytesWithoutASpace() {
        Random random = new Random(19);
        String[] kinds = {"a", "Z", ".", "-", "'", "/", "@", "1", ",", "\uD83D\uDE00", "\uD800", "\"", ":", "_", "é"};
        for (String pattern : List.of("letters", "mixed", "dots", "url")) {
            StringBuilder sb = new StringBuilder(100_000);
            while (sb.length() < 100_000) {
                switch (pattern) {
                    case "letters" -> sb.append((char) ('a' + random.nextInt(26)));
                    case "dots" -> sb.append(random.nextBoolean() ? "." : "a");
                    case "url" -> sb.append(sb.length() == 0 ? "http://" : random.nextInt(5) == 0 ? "/" : "ab");
                    default -> sb.append(kinds[random.nextInt(kinds.length)]);
                }
            }
            String text = sb.toString();
            long t0 = System.nanoTime();
            check(text, analyzer.analyze("p", text));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 20_000, pattern + ": 100 KB without a space took " + ms + " ms");
        }
    }
}
