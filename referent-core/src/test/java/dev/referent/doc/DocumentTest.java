package dev.referent.doc;

import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentTest {

    private final Document doc = new TextAnalyzer().analyze("d",
            "John Kelly said the President of France would come. He agreed.", Map.of("author", "AP"));

    @Test
    void mentionsKnowTheirCharactersHeadAndType() {
        Mention kelly = doc.mention(0, 2);
        assertEquals("John Kelly", kelly.text());
        assertEquals(0, kelly.start());
        assertEquals(1, kelly.head());
        assertEquals(MentionType.PROPER, kelly.type());
        Mention president = doc.mention(3, 7);
        assertEquals("the President of France", president.text());
        assertEquals(4, president.head());
        Mention he = doc.mention(10, 11);
        assertEquals(MentionType.PRONOUN, he.type());
        assertEquals("AP", doc.author().orElseThrow());
    }

    @Test
    void clustersAreKeptInDocumentOrderAndCopiesAreIndependent() {
        Cluster c = new Cluster(0, List.of(doc.mention(10, 11), doc.mention(0, 2)));
        assertEquals("John Kelly", c.mentions().get(0).text());
        Document withClusters = doc.withClusters(List.of(c.withRepresentative(c.mentions().get(0))));
        assertEquals(0, doc.clusters().size());
        assertEquals("John Kelly", withClusters.clusters().get(0).representativeMention().orElseThrow().text());
        assertThrows(UnsupportedOperationException.class, () -> withClusters.clusters().add(c));
        assertThrows(IllegalArgumentException.class, () -> c.withRepresentative(doc.mention(3, 5)));
    }

    @Test
    void rejectsTokensOrMentionsThatDisagreeWithTheText() {
        List<Token> tokens = new ArrayList<>(doc.tokens());
        tokens.set(1, Token.of(1, tokens.get(1).start(), tokens.get(1).end(), "Kelle"));
        assertThrows(IllegalArgumentException.class, () -> doc.withTokens(tokens));
        Mention wrong = new Mention(0, 2, 0, 10, 1, "John Kelle", MentionType.PROPER);
        assertThrows(IllegalArgumentException.class, () -> doc.withClusters(List.of(new Cluster(0, List.of(wrong)))));
        assertThrows(IndexOutOfBoundsException.class, () -> doc.mention(5, 99));
    }

    @Test
    void tokenAtFindsTokensByOffset() {
        int he = doc.text().indexOf("He");
        assertEquals("He", doc.token(doc.tokenAt(he)).text());
        assertEquals(-1, doc.tokenAt(4)); // the space between John and Kelly
        assertTrue(doc.sentenceOf(doc.tokenAt(he)).index() == 1);
    }

    @Test
    void pronounLexicon() {
        assertEquals(Pronoun.Form.POSSESSIVE_DETERMINER, Pronoun.of("Their").orElseThrow().form());
        assertEquals(Pronoun.Gender.FEMININE, Pronoun.of("hers").orElseThrow().gender());
        assertTrue(Pronoun.of("the").isEmpty());
    }
}
