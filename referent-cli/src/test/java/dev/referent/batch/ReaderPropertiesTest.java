package dev.referent.batch;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing of batch's CSV and JSON Lines readers (issue 19, item 5): valid inputs mutated at random at the byte level
 * (bytes deleted, inserted, replaced by the bytes the formats give meaning to and by invalid UTF-8; truncation) and
 * random bytes. Opening gives a reader or a {@link BatchException} (a usage error: no header, no id column); every
 * row then is a document or a bad row with its line and reason; nothing throws an unchecked exception. Tries:
 * {@code jqwik.tries.default}.
 */
class ReaderPropertiesTest {

    static final String CSV = "id,title,author,text\r\n"
            + "a1,First,Ann,\"John Kelly said \"\"no\"\".\nHe left.\"\r\n"
            + "a2,Second,,Plain text here.\n"
            + "a3,\"Quoted, title\",Bob,\"Multi\r\nline\"\n"
            + "\n"
            + "a4,x,y,caf\u00e9 \u2019s \uD83D\uDE00\n";

    static final String JSONL = "{\"id\": \"j1\", \"text\": \"John left. He said \\\"no\\\".\", \"author\": \"Ann\"}\n"
            + "{\"id\": 2, \"text\": \"caf\u00e9\", \"tags\": [1, 2, {\"a\": null}]}\r\n"
            + "\n"
            + "{\"id\": \"j3\", \"text\": \"\\u00e9\\ud83d\\ude00 ok\", \"title\": null}\n";

    /** Bytes that mean something to the two formats, and invalid UTF-8. */
    private static final byte[] SPECIAL = ",\"\r\n{}[]:\\u0 a\t".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INVALID = {(byte) 0xFF, (byte) 0xC3, (byte) 0x80, (byte) 0xE2, (byte) 0x82, (byte) 0xED,
            (byte) 0xA0, (byte) 0xF4, (byte) 0x90, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 0};

    interface Open {
        RecordSource open(Inputs.Opened input) throws IOException;
    }

    static Inputs.Opened opened(byte[] bytes) {
        Inputs.Counter counter = new Inputs.Counter(new ByteArrayInputStream(bytes));
        return new Inputs.Opened(counter, counter, bytes.length);
    }

    /** Reads every row; checks that each is a document or a bad row with a reason. Returns the rows. */
    static List<InputRecord> readsOrFailsCleanly(byte[] bytes, Open open) {
        List<InputRecord> rows = new ArrayList<>();
        RecordSource source;
        try {
            source = open.open(opened(bytes));
        } catch (BatchException e) {
            assertNotNull(e.getMessage());
            Statistics.collect("usage error");
            return rows;
        } catch (IOException e) {
            throw new AssertionError("bytes in memory cannot fail to read: " + e, e);
        }
        try (source) {
            InputRecord r;
            long previousLine = 0;
            while ((r = source.next()) != null) {
                rows.add(r);
                assertTrue(r.row() >= 1, r.toString());
                if (r.isBad()) {
                    assertTrue(!r.error().isBlank(), r.toString());
                } else {
                    assertNotNull(r.id(), r.toString());
                    assertTrue(r.text() != null && !r.text().isBlank(), r.toString());
                }
                assertTrue(r.line() >= previousLine, "lines go forward: " + r);
                previousLine = r.line();
                if (rows.size() > bytes.length + 1) {
                    throw new AssertionError("more rows than bytes: the reader does not advance");
                }
            }
        } catch (IOException e) {
            throw new AssertionError("bytes in memory cannot fail to read: " + e, e);
        }
        Statistics.collect(rows.stream().anyMatch(InputRecord::isBad) ? "bad rows" : "all rows good");
        return rows;
    }

    @Property
    void csvRowsAreDocumentsOrBadRows(@ForAll("mutatedCsv") byte[] bytes, @ForAll("maxBytes") long maxBytes) {
        readsOrFailsCleanly(bytes, in -> new CsvSource(in, Fields.DEFAULT, maxBytes));
    }

    @Property
    void jsonlRowsAreDocumentsOrBadRows(@ForAll("mutatedJsonl") byte[] bytes, @ForAll("maxBytes") long maxBytes) {
        readsOrFailsCleanly(bytes, in -> new JsonlSource(in, Fields.DEFAULT, maxBytes));
    }

    @Property
    void randomBytes(@ForAll("randomBytes") byte[] bytes) {
        readsOrFailsCleanly(bytes, in -> new CsvSource(in, Fields.DEFAULT, 1 << 20));
        readsOrFailsCleanly(bytes, in -> new JsonlSource(in, Fields.DEFAULT, 1 << 20));
    }

    @Example
    void invalidUtf8RowsNameTheByte() {
        byte[] csv = concat("id,text\nr1,\"ok ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF},
                "\"\n".getBytes(StandardCharsets.UTF_8));
        List<InputRecord> rows = readsOrFailsCleanly(csv, in -> new CsvSource(in, Fields.DEFAULT, 1 << 20));
        assertEquals("invalid UTF-8 in column 'text' (byte 3 of the field)", rows.get(0).error());
        byte[] jsonl = concat("{\"id\": \"r1\", \"text\": \"ok".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3},
                "\"}\n".getBytes(StandardCharsets.UTF_8));
        rows = readsOrFailsCleanly(jsonl, in -> new JsonlSource(in, Fields.DEFAULT, 1 << 20));
        assertEquals("invalid UTF-8 at byte 24 of the line", rows.get(0).error());
        assertEquals(1, rows.get(0).line());
    }

    @Example
    void hostileJsonLinesAreBadRows() {
        String deep = "{\"id\": \"d\", \"text\": \"x\", \"n\": " + "[".repeat(5000) + "]".repeat(5000) + "}\n";
        String huge = "{\"id\": 1e999999, \"text\": 123456789012345678901234567890}\n";
        String dup = "{\"id\": \"a\", \"id\": \"b\", \"text\": \"t\"}\n";
        String notObject = "[1, 2]\n\"text\"\nnull\n";
        List<InputRecord> rows = readsOrFailsCleanly((deep + huge + dup + notObject).getBytes(StandardCharsets.UTF_8),
                in -> new JsonlSource(in, Fields.DEFAULT, 1 << 20));
        assertEquals(6, rows.size(), rows.toString());
        assertTrue(rows.get(0).isBad(), "nesting deeper than Jackson's limit is a bad row: " + rows.get(0));
        for (InputRecord r : rows.subList(3, 6)) {
            assertTrue(r.isBad(), r.toString());
        }
    }

    @Provide
    Arbitrary<Long> maxBytes() {
        return Arbitraries.of(64L, 1L << 20, 1L << 20);
    }

    @Provide
    Arbitrary<byte[]> mutatedCsv() {
        return mutated(CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> mutatedJsonl() {
        return mutated(JSONL.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        Arbitrary<Byte> b = Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of(box(SPECIAL)), Arbitraries.of(box(INVALID)));
        return b.list().ofMaxSize(200).map(ReaderPropertiesTest::unbox);
    }

    static Arbitrary<byte[]> mutated(byte[] seed) {
        Arbitrary<byte[]> chunk = Arbitraries.oneOf(Arbitraries.of(box(SPECIAL)), Arbitraries.of(box(INVALID)), Arbitraries.bytes())
                .list().ofMinSize(1).ofMaxSize(4).map(ReaderPropertiesTest::unbox);
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, seed.length), Arbitraries.integers().between(1, 6), chunk).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            byte[] s = seed;
            for (Edit e : edits) {
                s = e.apply(s);
            }
            return s;
        });
    }

    record Edit(int kind, int at, int length, byte[] bytes) {
        byte[] apply(byte[] s) {
            int p = Math.min(at, s.length);
            int q = Math.min(s.length, p + length);
            return switch (kind) {
                case 0 -> concat(slice(s, 0, p), slice(s, q, s.length));
                case 1 -> concat(slice(s, 0, p), bytes, slice(s, p, s.length));
                case 2 -> concat(slice(s, 0, p), bytes, slice(s, Math.min(s.length, p + bytes.length), s.length));
                default -> slice(s, 0, p);
            };
        }
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Byte[] box(byte[] b) {
        Byte[] out = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }

    static byte[] unbox(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
