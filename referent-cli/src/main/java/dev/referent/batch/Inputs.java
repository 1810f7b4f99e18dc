package dev.referent.batch;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens batch inputs: gzip is read transparently, and the bytes read are counted for the progress bar. */
public final class Inputs {

    private Inputs() {
    }

    /** Counts the bytes read from the file (compressed bytes for gzip). */
    public static final class Counter extends FilterInputStream {
        private volatile long count;

        Counter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        public long count() {
            return count;
        }
    }

    /** An opened input: the (decompressed) stream, its byte counter and the file size. */
    public record Opened(InputStream stream, Counter counter, long size) {
    }

    public static Opened open(Path file) throws IOException {
        return open(file, Files.newInputStream(file));
    }

    /** Opens {@code file} read through {@code raw}, closing {@code raw} when the file turns out unreadable. */
    static Opened open(Path file, InputStream raw) throws IOException {
        Counter counter = new Counter(raw);
        InputStream in = new BufferedInputStream(counter, 1 << 16);
        try {
            if (isGzip(file)) {
                // GZIPInputStream reads the header here: a file that is not gzip fails before anyone holds the stream
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return new Opened(in, counter, Files.size(file));
        } catch (IOException | RuntimeException e) {
            try {
                in.close(); // else the file handle stays open until the collector finds it (a batch run opens many)
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
