package dev.referent.batch;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A stream of input rows, read one at a time so that memory stays flat however large the input. */
public interface RecordSource extends Closeable {

    /** The next row (possibly a bad one), or {@code null} at the end of the input. */
    InputRecord next() throws IOException;

    /** Input columns in order, when the format has a header (CSV); otherwise the fields the source knows of. */
    List<String> columns();

    /** Input bytes consumed so far (compressed bytes for gzip input), for progress. */
    long position();

    /** Total input bytes, or -1 when unknown. */
    long size();
}
