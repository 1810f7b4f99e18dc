package dev.referent.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputsTest {

    /** A stream that remembers whether it was closed. */
    private static final class Tracked extends FilterInputStream {
        boolean closed;

        Tracked(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Test
    void aBadGzipHeaderFailsAndClosesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.jsonl.gz");
        Files.writeString(file, "{\"id\": 1, \"text\": \"not compressed\"}\n", StandardCharsets.UTF_8);
        Tracked raw = new Tracked(Files.newInputStream(file));
        assertThrows(ZipException.class, () -> Inputs.open(file, raw));
        assertTrue(raw.closed, "the file was left open");
    }

    @Test
    void aGoodGzipFileStaysOpenAndReadsDecompressed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.jsonl.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"id\": 1}\n".getBytes(StandardCharsets.UTF_8));
        }
        Tracked raw = new Tracked(Files.newInputStream(file));
        Inputs.Opened opened = Inputs.open(file, raw);
        try (InputStream in = opened.stream()) {
            assertFalse(raw.closed);
            assertEquals("{\"id\": 1}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(Files.size(file), opened.size());
        }
        assertTrue(raw.closed);
    }
}
