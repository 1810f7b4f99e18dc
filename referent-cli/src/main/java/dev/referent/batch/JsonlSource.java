package dev.referent.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Lines: one JSON object per line; blank lines are skipped; a line that is not an object is a bad row. */
public final class JsonlSource implements RecordSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final Inputs.Counter counter;
    private final long size;
    private final Fields fields;
    private final long maxRecordBytes;
    private final IdIndex seen = new IdIndex();
    private long line;
    private long row;

    public JsonlSource(Inputs.Opened input, Fields fields, long maxRecordBytes) {
        this.in = input.stream();
        this.counter = input.counter();
        this.size = input.size();
        this.fields = fields;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public List<String> columns() {
        return fields.keep() != null ? fields.keep() : List.of(fields.id(), fields.title(), fields.author(), fields.text());
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
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            boolean tooLong = false;
            int b = in.read();
            if (b < 0) {
                return null;
            }
            line++;
            while (b >= 0 && b != '\n') {
                if (buffer.size() < maxRecordBytes) {
                    buffer.write(b);
                } else {
                    tooLong = true;
                }
                b = in.read();
            }
            row = line;
            if (tooLong) {
                return InputRecord.bad(row, line, null, "line longer than " + maxRecordBytes + " bytes");
            }
            byte[] bytes = buffer.toByteArray();
            String text = CsvSource.decode(bytes);
            if (text == null) {
                return InputRecord.bad(row, line, null, "invalid UTF-8 at " + CsvSource.where(bytes) + " of the line");
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return InputRecord.bad(row, line, null, "malformed JSON: " + e.getOriginalMessage());
            }
            if (!(node instanceof ObjectNode object)) {
                return InputRecord.bad(row, line, null, "not a JSON object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                values.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
            }
            return Records.check(row, line, values, object, fields, seen);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
