package dev.referent.doc;

/**
 * A stretch of quoted speech, marks included: characters {@code [start, end)} and tokens
 * {@code [tokenStart, tokenEnd)}. A quote left open by the text is closed at the end of its paragraph;
 * {@link #closed()} tells which.
 */
public record Quote(int start, int end, int tokenStart, int tokenEnd, boolean closed) {

    public Quote {
        if (start < 0 || end < start || tokenStart < 0 || tokenEnd < tokenStart) {
            throw new IllegalArgumentException("bad quote: [" + start + ", " + end + ")");
        }
    }

    public boolean containsToken(int tokenIndex) {
        return tokenIndex >= tokenStart && tokenIndex < tokenEnd;
    }
}
