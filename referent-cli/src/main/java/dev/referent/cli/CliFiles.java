package dev.referent.cli;

import dev.referent.text.Utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks and reads of the files named on the command line, with messages that say what is wrong. */
final class CliFiles {

    private CliFiles() {
    }

    /** A usage error unless {@code file} is a regular file this process can read. */
    static void requireReadableFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new Main.UsageException("cannot read '" + file + "': is a directory");
        }
        if (!Files.exists(file)) {
            throw new Main.UsageException("cannot read '" + file + "': no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("cannot read '" + file + "': not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new Main.UsageException("cannot read '" + file + "': permission denied");
        }
    }

    /** The file's text; invalid UTF-8 is a usage error naming the byte offset and line of the first bad byte. */
    static String readUtf8(Path file) throws IOException {
        requireReadableFile(file);
        return decode(Files.readAllBytes(file), file.toString());
    }

    static String decode(byte[] bytes, String name) {
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.InvalidUtf8Exception e) {
            throw new Main.UsageException("'" + name + "' is not valid UTF-8: " + e.getMessage());
        }
    }
}
