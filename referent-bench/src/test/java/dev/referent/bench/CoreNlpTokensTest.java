package dev.referent.bench;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoreNlpTokensTest {

    private final Document doc = new TextAnalyzer().analyze("d", "John Smith met Mary. He told her that he liked her.");

    @Test
    void writesOneSentenceALineWithSingleSpacesBetweenTokens() {
        assertEquals("John Smith met Mary .\nHe told her that he liked her .\n", CoreNlpTokens.text(doc));
    }

    @Test
    void whitespaceInsideATokenCannotSplitIt() {
        Document withSpace = new Document("w", "about 1 000 people", null,
                List.of(dev.referent.doc.Token.of(0, 0, 5, "about"), dev.referent.doc.Token.of(1, 6, 11, "1 000"),
                        dev.referent.doc.Token.of(2, 12, 18, "people")),
                List.of(new dev.referent.doc.Sentence(0, 0, 3, 0, 18)), List.of(), List.of());
        assertEquals("about 1_000 people\n", CoreNlpTokens.text(withSpace));
    }

    @Test
    void mapsSentenceRelativeSpansToDocumentMentions() {
        List<Cluster> clusters = CoreNlpTokens.clusters(doc, new int[]{5, 8}, List.of(
                List.of(span(0, 0, 2), span(1, 0, 1), span(1, 4, 5)),
                List.of(span(0, 3, 4), span(1, 2, 3), span(1, 6, 7))));
        assertEquals(2, clusters.size());
        assertEquals(List.of("John Smith", "He", "he"), clusters.get(0).mentions().stream().map(Mention::text).toList());
        assertEquals(List.of("Mary", "her", "her"), clusters.get(1).mentions().stream().map(Mention::text).toList());
        assertEquals(11, clusters.get(1).mentions().get(2).tokenStart(), "sentence 1 starts at token 5");
    }

    @Test
    void dropsSingletonsAndSpansAlreadyInAnEarlierChain() {
        List<Cluster> clusters = CoreNlpTokens.clusters(doc, new int[]{5, 8}, List.of(
                List.of(span(0, 0, 2), span(1, 0, 1)),
                List.of(span(0, 3, 4)),
                List.of(span(1, 0, 1), span(1, 2, 3))));
        assertEquals(1, clusters.size(), "the singleton and the chain left with one new span are dropped");
        assertEquals(2, clusters.get(0).size());
    }

    @Test
    void refusesTokensThatDoNotLineUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CoreNlpTokens.clusters(doc, new int[]{5, 7}, List.of()));
        assertTrue(e.getMessage().contains("sentence 1"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> CoreNlpTokens.clusters(doc, new int[]{13}, List.of()));
        assertThrows(IllegalStateException.class,
                () -> CoreNlpTokens.clusters(doc, new int[]{5, 8}, List.of(List.of(span(0, 4, 6), span(1, 0, 1)))));
    }

    private static CoreNlpTokens.SentenceSpan span(int sentence, int start, int end) {
        return new CoreNlpTokens.SentenceSpan(sentence, start, end);
    }
}
