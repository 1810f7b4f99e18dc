package dev.referent.eval.io;

import dev.referent.text.Utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a corpus file as strict UTF-8. The JDK's reader reports bad bytes as "Input length = 1"; this names the
 * file, the line and the byte offset instead, as a {@link CorpusFormatException}.
 */
final class Utf8Files {

    private Utf8Files() {
    }

    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.InvalidUtf8Exception e) {
            throw new CorpusFormatException(file, e.line(), e.getMessage());
        }
    }
}
