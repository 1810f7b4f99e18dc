package dev.referent.doc;

/**
 * A sentence: the tokens {@code [tokenStart, tokenEnd)} and the characters {@code [start, end)} from the first
 * token's start to the last token's end.
 */
public record Sentence(int index, int tokenStart, int tokenEnd, int start, int end) {

    public Sentence {
        if (index < 0 || tokenStart < 0 || tokenEnd < tokenStart || end < start) {
            throw new IllegalArgumentException(
                    "bad sentence: index=" + index + " tokens [" + tokenStart + ", " + tokenEnd + ") chars [" + start + ", " + end + ")");
        }
    }

    public int size() {
        return tokenEnd - tokenStart;
    }

    public boolean containsToken(int tokenIndex) {
        return tokenIndex >= tokenStart && tokenIndex < tokenEnd;
    }
}
