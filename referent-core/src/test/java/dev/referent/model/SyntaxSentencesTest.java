package dev.referent.model;

import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The stretches the syntax head analyses: sentences, and no stretch longer than its bound whatever the input. */
class SyntaxSentencesTest {

    @Test
    void sentencesAreAnalysedOneByOne() {
        Document doc = new TextAnalyzer().analyze("d", "Kim left. She came back later.");
        assertArrayEquals(new int[] {3, 8}, CorefModel.syntaxSentences(doc));
    }

    @Test
    void aSentenceWithoutEndIsCutAtTheBound() {
        int words = 2 * CorefModel.SYNTAX_MAX_SENTENCE + 50;
        Document doc = new TextAnalyzer().analyze("d", "word ".repeat(words) + "end. Next one.");
        int m = CorefModel.SYNTAX_MAX_SENTENCE;
        assertArrayEquals(new int[] {m, 2 * m, words + 2, words + 5}, CorefModel.syntaxSentences(doc));
    }

    @Test
    void aSentenceOfExactlyTwiceTheBoundMakesTwoFullStretches() {
        int m = CorefModel.SYNTAX_MAX_SENTENCE;
        Document doc = new TextAnalyzer().analyze("d", "word ".repeat(2 * m - 2) + "end. Next one.");
        assertArrayEquals(new int[] {m, 2 * m, 2 * m + 3}, CorefModel.syntaxSentences(doc));
    }
}
