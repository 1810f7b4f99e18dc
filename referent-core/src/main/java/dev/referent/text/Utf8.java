package dev.referent.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that says where the input goes wrong. The JDK's decoders either replace bad bytes silently
 * or throw {@code MalformedInputException("Input length = 1")}, which names no position; every reader of user files
 * (the CLI, batch, the corpus readers, the Spark job) reports the byte offset and line instead.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Invalid UTF-8: {@link #offset()} is the 0-based byte offset of the first bad byte, {@link #line()} 1-based. */
    public static final class InvalidUtf8Exception extends CharacterCodingException {

        private static final long serialVersionUID = 1L;

        private final long offset;
        private final long line;

        public InvalidUtf8Exception(long offset, long line) {
            this.offset = offset;
            this.line = line;
        }

        public long offset() {
            return offset;
        }

        public long line() {
            return line;
        }

        /** "invalid UTF-8 at byte 12 (line 3)". */
        @Override
        public String getMessage() {
            return "invalid UTF-8 at byte " + offset + " (line " + line + ")";
        }
    }

    /** The whole of {@code bytes} as a string, or an exception naming the first invalid byte. */
    public static String decode(byte[] bytes) throws InvalidUtf8Exception {
        return decode(bytes, 0, bytes.length);
    }

    /** {@code bytes[from, to)} as a string; offsets in the exception count from {@code from}. */
    public static String decode(byte[] bytes, int from, int to) throws InvalidUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from); // UTF-8 never decodes to more chars than bytes
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw at(bytes, from, in.position());
        }
        r = decoder.flush(out);
        if (r.isError()) {
            throw at(bytes, from, in.position());
        }
        out.flip();
        return out.toString();
    }

    /** The offset (from {@code from}) of the first invalid byte of {@code bytes[from, to)}, or -1 when valid. */
    public static int firstInvalid(byte[] bytes, int from, int to) {
        try {
            decode(bytes, from, to);
            return -1;
        } catch (InvalidUtf8Exception e) {
            return (int) e.offset();
        }
    }

    private static InvalidUtf8Exception at(byte[] bytes, int from, int position) {
        long line = 1;
        for (int i = from; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new InvalidUtf8Exception(position - from, line);
    }
}
