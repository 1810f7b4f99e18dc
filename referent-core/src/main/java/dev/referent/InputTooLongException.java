package dev.referent;

/**
 * A text over {@link Resolver#MAX_CHARS}: a usage error (the caller's input), not a failure of the model. Callers
 * report its message as it is; it names the text's length and the limit.
 */
public final class InputTooLongException extends IllegalArgumentException {

    private final long length;
    private final long limit;

    public InputTooLongException(long length, long limit) {
        super(String.format(java.util.Locale.ROOT, "text has %,d characters, over the limit of %,d", length, limit));
        this.length = length;
        this.limit = limit;
    }

    /** The text's length in characters (UTF-16 code units, as {@link String#length()}). */
    public long length() {
        return length;
    }

    public long limit() {
        return limit;
    }
}
