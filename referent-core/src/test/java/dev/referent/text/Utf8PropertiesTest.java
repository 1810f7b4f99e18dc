package dev.referent.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Utf8}: strict decoding, and the offset and line it names are those of the first invalid byte. */
class Utf8PropertiesTest {

    @Property
    void validBytesDecodeAsTheJdkDoesAndInvalidOnesAtTheFirstBadByte(@ForAll("mostlyText") byte[] bytes) {
        try {
            String s = Utf8.decode(bytes);
            assertEquals(new String(bytes, StandardCharsets.UTF_8), s);
            assertArrayEquals(bytes, s.getBytes(StandardCharsets.UTF_8));
        } catch (Utf8.InvalidUtf8Exception e) {
            int at = (int) e.offset();
            assertTrue(at >= 0 && at < bytes.length, e.getMessage());
            // everything before the offset is valid ...
            assertEquals(-1, Utf8.firstInvalid(bytes, 0, at));
            // ... and the bytes from it do not start a valid character
            byte[] rest = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 4));
            String lenient = new String(rest, StandardCharsets.UTF_8);
            assertEquals('\uFFFD', lenient.charAt(0));
            long lines = 1;
            for (int i = 0; i < at; i++) {
                lines += bytes[i] == '\n' ? 1 : 0;
            }
            assertEquals(lines, e.line());
        }
    }

    @Provide
    Arbitrary<byte[]> mostlyText() {
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(4).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("\n", "a", "é", "\uD83D\uDE00").map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().map(b -> new byte[] {b}));
        return piece.list().ofMaxSize(30).map(parts -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Example
    void namesByteAndLine() {
        for (List<Object> c : List.of(List.<Object>of(new byte[] {'a', '\n', 'b', (byte) 0xFF}, 3L, 2L),
                List.<Object>of(new byte[] {(byte) 0xC3}, 0L, 1L),
                List.<Object>of(new byte[] {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 1L, 1L))) {
            Utf8.InvalidUtf8Exception e = assertThrows(Utf8.InvalidUtf8Exception.class, () -> Utf8.decode((byte[]) c.get(0)));
            assertEquals(c.get(1), e.offset());
            assertEquals(c.get(2), e.line());
            assertEquals("invalid UTF-8 at byte " + c.get(1) + " (line " + c.get(2) + ")", e.getMessage());
        }
    }
}
