package dev.referent.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** The checks every input format shares: id present and unique, text present and not blank. */
final class Records {

    private Records() {
    }

    /**
     * A good row, or a bad one with the reason.
     *
     * @param seen ids met so far, with the row that had each first (updated)
     */
    static InputRecord check(long row, long line, Map<String, String> values, ObjectNode json, Fields fields,
                             IdIndex seen) {
        String id = values.get(fields.id());
        if (id == null || id.isBlank()) {
            return InputRecord.bad(row, line, id, "missing id (field '" + fields.id() + "')");
        }
        id = id.strip();
        long first = seen.putIfAbsent(id, row);
        if (first >= 0) {
            return InputRecord.bad(row, line, id, "duplicate id (first in row " + first + ")");
        }
        String text = values.get(fields.text());
        if (text == null) {
            return InputRecord.bad(row, line, id, "missing text (field '" + fields.text() + "')");
        }
        if (text.isBlank()) {
            return InputRecord.bad(row, line, id, "empty text");
        }
        String author = values.getOrDefault(fields.author(), "");
        return new InputRecord(row, line, id, text, author == null ? "" : author, values, json, null);
    }
}
