package dev.referent.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV with a header row: comma-separated, fields optionally in double quotes, quotes doubled inside them,
 * line breaks (LF or CRLF) inside quoted fields. It is parsed as bytes, so a row with invalid UTF-8 is reported on
 * its own instead of spoiling the rest of the file. A malformed row (stray quote, unterminated quote, wrong number of
 * fields, a field beyond the size limit) becomes a bad row and reading resumes at the next line.
 */
public final class CsvSource implements RecordSource {

    private final PushbackInputStream in;
    private final Inputs.Counter counter;
    private final long size;
    private final Fields fields;
    private final long maxRecordBytes;
    private final List<String> header;
    private final IdIndex seen = new IdIndex();
    private long row;
    private long line = 1;
    /** Bytes consumed from the decompressed stream (offset of the parser in the CSV text). */
    private long offset;

    /** A raw parsed record: fields as bytes, its first line and the problem, if any. */
    record Raw(List<byte[]> fields, long line, long start, long end, String problem, boolean terminated) {

        Raw(List<byte[]> fields, long line, long start, long end, String problem) {
            this(fields, line, start, end, problem, true);
        }
    }

    public CsvSource(Inputs.Opened input, Fields fields, long maxRecordBytes) throws IOException {
        this.in = new PushbackInputStream(input.stream(), 1);
        this.counter = input.counter();
        this.size = input.size();
        this.fields = fields;
        this.maxRecordBytes = maxRecordBytes;
        Raw head = readRaw();
        if (head == null) {
            throw new BatchException("the CSV input is empty (a header row is required)");
        }
        if (head.problem() != null) {
            throw new BatchException("the CSV header (line 1) is malformed: " + head.problem());
        }
        List<String> names = new ArrayList<>();
        for (byte[] f : head.fields()) {
            String name = decode(f);
            if (name == null) {
                throw new BatchException("the CSV header (line 1) is not valid UTF-8");
            }
            names.add(name.strip().replace("\uFEFF", ""));
        }
        this.header = List.copyOf(names);
        if (!header.contains(fields.id())) {
            throw new BatchException("the CSV header has no id column '" + fields.id() + "' (columns: "
                    + String.join(", ", header) + "); choose one with --id-col");
        }
        if (!header.contains(fields.text())) {
            throw new BatchException("the CSV header has no text column '" + fields.text() + "' (columns: "
                    + String.join(", ", header) + "); choose one with --text-col");
        }
        if (fields.keep() != null) {
            for (String k : fields.keep()) {
                if (!header.contains(k)) {
                    throw new BatchException("--keep-cols names '" + k + "', which the CSV header lacks");
                }
            }
        }
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public long position() {
        return counter.count();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputRecord next() throws IOException {
        while (true) {
            Raw raw = readRaw();
            if (raw == null) {
                return null;
            }
            if (raw.problem() == null && raw.fields().size() == 1 && raw.fields().get(0).length == 0) {
                continue; // a blank line
            }
            row++;
            return toRecord(raw);
        }
    }

    private InputRecord toRecord(Raw raw) {
        int idIndex = header.indexOf(fields.id());
        String id = idIndex < raw.fields().size() ? lenient(raw.fields().get(idIndex)) : null;
        if (raw.problem() != null) {
            return InputRecord.bad(row, raw.line(), id, "malformed CSV: " + raw.problem());
        }
        if (raw.fields().size() != header.size()) {
            return InputRecord.bad(row, raw.line(), id, "malformed CSV: " + raw.fields().size() + " fields, the header has "
                    + header.size());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String v = decode(raw.fields().get(i));
            if (v == null) {
                return InputRecord.bad(row, raw.line(), id, "invalid UTF-8 in column '" + header.get(i) + "' ("
                        + where(raw.fields().get(i)) + " of the field)");
            }
            values.put(header.get(i), v);
        }
        return Records.check(row, raw.line(), values, null, fields, seen);
    }

    /** Reads one record's bytes; null at the end of input. */
    Raw readRaw() throws IOException {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        long startLine = line;
        long start = offset;
        long bytes = 0;
        int b = read();
        if (b < 0) {
            return null;
        }
        boolean quoted = false;
        boolean afterQuote = false; // a quote seen inside a quoted field: closing or the first of a doubled pair
        boolean fieldStart = true;
        while (true) {
            if (b < 0) {
                if (quoted && !afterQuote) {
                    return new Raw(out, startLine, start, offset, "unterminated quoted field (opened on line " + startLine + ")");
                }
                out.add(field.toByteArray());
                return new Raw(out, startLine, start, offset, null, false); // the last row, without a line break
            }
            if (++bytes > maxRecordBytes) {
                skipLine();
                return new Raw(out, startLine, start, offset, "row longer than " + maxRecordBytes
                        + " bytes (an unbalanced quote?)");
            }
            if (quoted) {
                if (afterQuote) {
                    afterQuote = false;
                    if (b == '"') {
                        field.write('"');
                    } else if (b == ',') {
                        out.add(field.toByteArray());
                        field.reset();
                        quoted = false;
                        fieldStart = true;
                    } else if (b == '\n' || (b == '\r' && peekNewline())) {
                        out.add(field.toByteArray());
                        return new Raw(out, startLine, start, offset, null);
                    } else {
                        if (b != '\n') {
                            skipLine();
                        }
                        return new Raw(out, startLine, start, offset, "text after a closing quote on line " + line);
                    }
                } else if (b == '"') {
                    afterQuote = true;
                } else {
                    field.write(b);
                }
            } else if (b == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (b == '"') {
                skipLine();
                return new Raw(out, startLine, start, offset, "quote inside an unquoted field on line " + startLine);
            } else if (b == ',') {
                out.add(field.toByteArray());
                field.reset();
                fieldStart = true;
            } else if (b == '\n' || (b == '\r' && peekNewline())) {
                out.add(field.toByteArray());
                return new Raw(out, startLine, start, offset, null);
            } else {
                field.write(b);
                fieldStart = false;
            }
            b = read();
        }
    }

    /** Whether the next byte is LF (consumed) after a CR. */
    private boolean peekNewline() throws IOException {
        int next = in.read();
        if (next == '\n') {
            offset++;
            line++;
            return true;
        }
        if (next >= 0) {
            in.unread(next);
        }
        return false;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            offset++;
            if (b == '\n') {
                line++;
            }
        }
        return b;
    }

    private void skipLine() throws IOException {
        int b;
        do {
            b = read();
        } while (b >= 0 && b != '\n');
    }

    /** Bytes consumed from the (decompressed) CSV text so far. */
    long offset() {
        return offset;
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Where the first invalid byte of {@code bytes} is: "byte N" (0-based), with its line when past the first. */
    static String where(byte[] bytes) {
        try {
            dev.referent.text.Utf8.decode(bytes);
            return "valid";
        } catch (dev.referent.text.Utf8.InvalidUtf8Exception e) {
            return "byte " + e.offset() + (e.line() > 1 ? ", line " + e.line() : "");
        }
    }

    private static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads the records of an existing CSV output (for --resume), without a header check. */
    static CsvSource raw(InputStream in) {
        return new CsvSource(in);
    }

    private CsvSource(InputStream in) {
        this.in = new PushbackInputStream(in, 1);
        this.counter = null;
        this.size = -1;
        this.fields = null;
        this.maxRecordBytes = Long.MAX_VALUE;
        this.header = List.of();
    }
}
