package dev.referent.model;

import java.util.concurrent.CancellationException;

/**
 * A cooperative stop signal: the model checks it between units of work (encoder windows, blocks of pair scores), so
 * that a caller who no longer wants the answer (a request past its deadline, a job being shut down) frees its thread
 * within one unit's time instead of running the document to the end.
 */
@FunctionalInterface
public interface Cancellation {

    /** Never cancelled. */
    Cancellation NONE = () -> false;

    boolean cancelled();

    /** Throws {@link CancellationException} when cancelled; called between units of work. */
    default void check() {
        if (cancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Cancelled once {@link System#nanoTime()} passes {@code deadlineNanos}. */
    static Cancellation deadline(long deadlineNanos) {
        return () -> System.nanoTime() - deadlineNanos > 0;
    }
}
