package dev.referent.doc;

import java.util.Objects;

/**
 * One token of a {@link Document}: a half-open character range {@code [start, end)} of the document text plus
 * optional linguistic annotation (tags and dependency head) when the source provides it.
 *
 * <p>Invariant, checked by {@link Document}: {@code text} equals {@code document.text().substring(start, end)}.
 *
 * @param index position of the token in its document (0-based)
 * @param start first character offset (inclusive)
 * @param end last character offset (exclusive)
 * @param text the token's characters
 * @param upos universal part-of-speech tag, or {@code null} when unknown
 * @param xpos Penn Treebank tag, or {@code null} when unknown
 * @param head document index of the syntactic head, or {@link #NO_HEAD} (root, or no tree)
 * @param deprel dependency relation to the head, or {@code null} when unknown
 */
public record Token(int index, int start, int end, String text, String upos, String xpos, int head, String deprel) {

    /** Value of {@link #head()} for the root of a sentence or when no tree is known. */
    public static final int NO_HEAD = -1;

    public Token {
        Objects.requireNonNull(text, "text");
        if (index < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException("bad token range: index=" + index + " [" + start + ", " + end + ")");
        }
        if (end - start != text.length()) {
            throw new IllegalArgumentException("token '" + text + "' does not fit its range [" + start + ", " + end + ")");
        }
    }

    /** A token without annotation. */
    public static Token of(int index, int start, int end, String text) {
        return new Token(index, start, end, text, null, null, NO_HEAD, null);
    }

    public Token withIndex(int newIndex) {
        return new Token(newIndex, start, end, text, upos, xpos, head, deprel);
    }

    public Token withTags(String newUpos, String newXpos) {
        return new Token(index, start, end, text, newUpos, newXpos, head, deprel);
    }

    public boolean hasHead() {
        return head != NO_HEAD;
    }

    public int length() {
        return end - start;
    }
}
