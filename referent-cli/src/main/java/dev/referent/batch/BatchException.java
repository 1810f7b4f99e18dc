package dev.referent.batch;

/** A batch run that cannot start or go on: unreadable input or output, a header without the needed columns. */
public final class BatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
