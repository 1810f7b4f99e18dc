package dev.referent.text;

import dev.referent.doc.Document;
import dev.referent.doc.Quote;
import dev.referent.doc.Sentence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextAnalyzerTest {

    private final TextAnalyzer analyzer = new TextAnalyzer();

    private List<String> sentences(String text) {
        Document d = analyzer.analyze("t", text);
        return d.sentences().stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void splitsSentencesButNotAfterAbbreviations() {
        assertEquals(List.of("Mr. Smith met Sen. Jones and Gov. Brown on Jan. 5 in the U.S. Capitol.", "Dr. Lee left."),
                sentences("Mr. Smith met Sen. Jones and Gov. Brown on Jan. 5 in the U.S. Capitol. Dr. Lee left."));
        assertEquals(List.of("He moved to the U.S.", "The move was quick."),
                sentences("He moved to the U.S. The move was quick."));
        assertEquals(List.of("Really?", "Yes!", "Fine."), sentences("Really? Yes! Fine."));
    }

    @Test
    void quotesThatCloseAfterThePeriodStayWithTheirSentence() {
        assertEquals(List.of("\"We will win.\"", "He smiled."), sentences("\"We will win.\" He smiled."));
        assertEquals(List.of("“It is over.”", "She left."), sentences("“It is over.” She left."));
        assertEquals(List.of("\"Is it over?\" she asked."), sentences("\"Is it over?\" she asked."));
    }

    @Test
    void paragraphBreaksAndHeadlinesEndSentences() {
        assertEquals(List.of("Obama signs treaty", "Thursday, April 8, 2010", "The president signed it."),
                sentences("Obama signs treaty\n\nThursday, April 8, 2010\n\nThe president signed it."));
        assertEquals(List.of("Headline without period", "Body text follows here."),
                sentences("Headline without period\nBody text follows here."));
        assertEquals(List.of("a wrapped line of ordinary prose that continues beyond sixty characters on\nthe next line."),
                sentences("a wrapped line of ordinary prose that continues beyond sixty characters on\nthe next line."));
    }

    @Test
    void marksStraightAndCurlyQuotes() {
        String text = "He said \"we will go\" and she said “never”. Then \"more.";
        Document d = analyzer.analyze("q", text);
        List<Quote> quotes = d.quotes();
        assertEquals(3, quotes.size());
        assertEquals("\"we will go\"", text.substring(quotes.get(0).start(), quotes.get(0).end()));
        assertEquals("“never”", text.substring(quotes.get(1).start(), quotes.get(1).end()));
        assertFalse(quotes.get(2).closed());
        int we = d.tokenAt(text.indexOf("we"));
        assertTrue(d.quoteOf(we).isPresent());
        assertTrue(d.quoteOf(0).isEmpty());
    }

    @Test
    void openQuoteEndsAtParagraphBreak() {
        String text = "\"First paragraph of a quote.\n\n\"Second paragraph,\" he said.";
        Document d = analyzer.analyze("q", text);
        assertEquals(2, d.quotes().size());
        assertEquals("\"First paragraph of a quote.", text.substring(d.quotes().get(0).start(), d.quotes().get(0).end()));
        assertEquals("\"Second paragraph,\"", text.substring(d.quotes().get(1).start(), d.quotes().get(1).end()));
    }

    @Test
    void emptyWhitespaceAndCrlfInputs() {
        assertEquals(0, analyzer.analyze("e", "").size());
        assertEquals(0, analyzer.analyze("w", " \n\t ").sentences().size());
        Document crlf = analyzer.analyze("c", "One line.\r\n\r\nTwo line.\r\n");
        assertEquals(2, crlf.sentences().size());
        for (Sentence s : crlf.sentences()) {
            assertFalse(crlf.text(s.start(), s.end()).contains("\r"));
        }
    }
}
