package dev.referent.doc;

import java.util.Locale;

/**
 * The one capitalisation check: whether a word starts with a capital, and whether a token's capital says anything
 * (not where every word is capitalised, at the start of a sentence).
 */
public final class Capitalisation {

    private Capitalisation() {
    }

    /** Whether {@code word} starts with an upper-case letter. */
    public static boolean isCapitalised(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0));
    }

    /**
     * Whether {@code word} is written in capitals throughout and is longer than one character: an acronym ("PTLD",
     * "NSW") or a capitalised pronoun ("US", "IT") rather than a word.
     */
    public static boolean isAllCapitals(String word) {
        return word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
    }

    /** Whether token {@code i} is the first of its sentence. */
    public static boolean isSentenceInitial(Document doc, int i) {
        return i == doc.sentenceOf(i).tokenStart();
    }

    /**
     * Whether token {@code i} is the first word of its sentence: its first token, or the one after an opening quote
     * or bracket that is ("“We agreed").
     */
    public static boolean isSentenceInitialWord(Document doc, int i) {
        return isSentenceInitial(doc, i)
                || i > 0 && isOpening(doc.token(i - 1).text()) && doc.sentenceOf(i).tokenStart() == i - 1;
    }

    /** Whether token {@code i} is capitalised and not its sentence's first token. */
    public static boolean isCapitalisedMidSentence(Document doc, int i) {
        return !isSentenceInitial(doc, i) && isCapitalised(doc.token(i).text());
    }

    private static boolean isOpening(String t) {
        return t.equals("\"") || t.equals("“") || t.equals("'") || t.equals("‘") || t.equals("(");
    }
}
