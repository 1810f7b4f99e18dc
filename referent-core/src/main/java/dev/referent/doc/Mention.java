package dev.referent.doc;

import java.util.Comparator;
import java.util.Objects;

/**
 * A mention: tokens {@code [tokenStart, tokenEnd)}, characters {@code [start, end)}, its syntactic head token and
 * its text, which always equals {@code document.text().substring(start, end)}. Create mentions with
 * {@link Document#mention(int, int)} so that the character range and the head are derived from the document.
 *
 * <p>A predicted mention carries its {@code linkConfidence}: the model's probability of its best link, as anaphor or
 * as antecedent ({@link Double#NaN} when there is none, as for gold mentions). It travels on the mention so that the
 * rewriter and the output formats need no side map from mentions to scores. It is a score, not part of the mention's
 * identity: {@link #equals} and {@link #hashCode} ignore it, so that a gold and a predicted mention of one span and
 * type stay equal.
 */
public record Mention(int tokenStart, int tokenEnd, int start, int end, int head, String text, MentionType type,
                      double linkConfidence) {

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

    /** A mention without a link confidence (gold mentions, mentions not yet linked). */
    public Mention(int tokenStart, int tokenEnd, int start, int end, int head, String text, MentionType type) {
        this(tokenStart, tokenEnd, start, end, head, text, type, Double.NaN);
    }

    /** Whether the model gave this mention a link confidence. */
    public boolean hasLinkConfidence() {
        return !Double.isNaN(linkConfidence);
    }

    /** The link confidence, or {@code missing} when there is none (gold clusters count as sure: 1.0). */
    public double linkConfidenceOr(double missing) {
        return hasLinkConfidence() ? linkConfidence : missing;
    }

    public Mention withLinkConfidence(double confidence) {
        return new Mention(tokenStart, tokenEnd, start, end, head, text, type, confidence);
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
        return new Mention(tokenStart, tokenEnd, start, end, head, text, newType, linkConfidence);
    }

    /** Equal mentions: same span, head, text and type; the link confidence is a score, not identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mention m && tokenStart == m.tokenStart && tokenEnd == m.tokenEnd && start == m.start
                && end == m.end && head == m.head && text.equals(m.text) && type == m.type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenStart, tokenEnd, start, end, head, text, type);
    }

    @Override
    public String toString() {
        return "[" + tokenStart + "," + tokenEnd + ")\"" + text + "\"";
    }
}
