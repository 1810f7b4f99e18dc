package dev.referent.batch;

import dev.referent.Resolver;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;

/**
 * Where resolved documents go. Each document is written and flushed on its own, so a run killed at any moment loses
 * at most the document being written, and {@link #done()} tells a resumed run which ids are already there.
 */
public interface Sink extends Closeable {

    /** Ids already in the output (resume); empty for a fresh output. */
    Set<String> done();

    /**
     * Writes one resolved document and flushes it.
     *
     * @throws BadRowException when this row cannot be written (for example an id that is not a usable file name)
     */
    void write(InputRecord record, Resolver.Resolved resolved) throws IOException;

    /** A row the output cannot take; the run records it as an error and goes on. */
    final class BadRowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRowException(String message) {
            super(message);
        }
    }
}
