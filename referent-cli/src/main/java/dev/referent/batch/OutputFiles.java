package dev.referent.batch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared handling of line-based output files for resume: drop a partly written last line. */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Truncates {@code file} to {@code length} bytes when it is longer (a partial record left by a killed run). */
    static void truncate(Path file, long length) throws IOException {
        if (Files.size(file) > length) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(length);
            }
        }
    }

    /** Length of {@code file} up to and including its last line break. */
    static long completeLinesLength(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long pos = raf.length();
            byte[] buffer = new byte[8192];
            while (pos > 0) {
                int n = (int) Math.min(buffer.length, pos);
                raf.seek(pos - n);
                raf.readFully(buffer, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buffer[i] == '\n') {
                        return pos - n + i + 1;
                    }
                }
                pos -= n;
            }
            return 0;
        }
    }
}
