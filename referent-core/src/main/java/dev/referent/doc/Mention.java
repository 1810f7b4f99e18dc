package dev.referent.doc;

import java.util.Comparator;
import java.util.Objects;

/**
 * A mention: tokens {@code [tokenStart, tokenEnd)}, characters {@code [start, end)}, its syntactic head token and
 * its text, which always equals {@code document.text().substring(start, end)}. Create mentions with
 * {@link Document#mention(int, int)} so that the character range and the head are derived from the document.
 */
public record Mention(int tokenStart, int tokenEnd, int start, int end, int head, String text, MentionType type) {

    /** Document order: by start, then longer (outer) mentions first. */
    public static final Comparator<Mention> DOCUMENT_ORDER = Comparator.comparingInt(Mention::tokenStart)
            .thenComparing(Comparator.comparingInt(Mention::tokenEnd).reversed());

    public Mention {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        if (tokenStart < 0 || tokenEnd <= tokenStart) {
            throw new IllegalArgumentException("empty or negative mention token range [" + tokenStart + ", " + tokenEnd + ")");
        }
        if (head < tokenStart || head >= tokenEnd) {
            throw new IllegalArgumentException("head " + head + " outside mention [" + tokenStart + ", " + tokenEnd + ")");
        }
        if (end - start != text.length()) {
            throw new IllegalArgumentException("mention text does not fit its range [" + start + ", " + end + ")");
        }
    }

    public int size() {
        return tokenEnd - tokenStart;
    }

    /** Same token range (the identity used by coreference scorers). */
    public boolean sameSpan(Mention other) {
        return tokenStart == other.tokenStart && tokenEnd == other.tokenEnd;
    }

    public boolean contains(Mention other) {
        return tokenStart <= other.tokenStart && other.tokenEnd <= tokenEnd;
    }

    public boolean overlaps(Mention other) {
        return tokenStart < other.tokenEnd && other.tokenStart < tokenEnd;
    }

    public Mention withType(MentionType newType) {
        return new Mention(tokenStart, tokenEnd, start, end, head, text, newType);
    }

    @Override
    public String toString() {
        return "[" + tokenStart + "," + tokenEnd + ")\"" + text + "\"";
    }
}
