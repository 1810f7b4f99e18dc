package dev.referent.eval.io;

import java.nio.file.Path;

/** Malformed corpus input; the message names the file, the line (1-based) and the reason. */
public class CorpusFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;

    public CorpusFormatException(String source, long line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.line = line;
    }

    public CorpusFormatException(Path source, long line, String reason) {
        this(String.valueOf(source), line, reason);
    }

    public long line() {
        return line;
    }
}
