package dev.referent.doc;

import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TitlesTest {

    @Test
    void theSetsAreLowerCaseAndOfficeWordsAreNoPersonalTitles() {
        for (Set<String> set : java.util.List.of(Titles.PERSONAL, Titles.OFFICE_WORDS, Titles.MASCULINE, Titles.FEMININE)) {
            for (String w : set) {
                assertEquals(w.toLowerCase(Locale.ROOT), w);
            }
        }
        Set<String> both = new HashSet<>(Titles.PERSONAL);
        both.retainAll(Titles.OFFICE_WORDS);
        assertTrue(both.isEmpty(), both.toString());
        assertEquals(Titles.PERSONAL.size() + Titles.OFFICE_WORDS.size(), Titles.BEFORE_NAME.size());
        // words that also start the names of organisations are office words, never personal titles
        assertFalse(Titles.PERSONAL.contains("justice"));
        assertTrue(Titles.BEFORE_NAME.contains("justice"));
    }

    @Test
    void capitalisationCountsWhereACapitalSaysSomething() {
        Document doc = new TextAnalyzer().analyze("d", "Ann met Bob. \"Then we left,\" said Ann.");
        assertTrue(Capitalisation.isCapitalised("Ann"));
        assertFalse(Capitalisation.isCapitalised(""));
        assertFalse(Capitalisation.isCapitalised("ann"));
        assertFalse(Capitalisation.isCapitalisedMidSentence(doc, 0)); // Ann, first of its sentence
        assertTrue(Capitalisation.isCapitalisedMidSentence(doc, 2)); // Bob
        int then = 5; // after the opening quote
        assertEquals("Then", doc.token(then).text());
        assertTrue(Capitalisation.isCapitalisedMidSentence(doc, then));
        assertTrue(Capitalisation.isSentenceInitialWord(doc, then));
    }
}
