package dev.referent.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * One row of a batch input: where it came from, its id and text, the fields to carry over to the output, or the
 * reason it cannot be processed.
 *
 * @param row    1-based position in the input (CSV: data row after the header; JSONL: line; directory: file)
 * @param line   1-based line where the row starts (equal to {@code row} for JSONL; 0 for a directory)
 * @param id     document id ({@code null} when it could not be read)
 * @param text   the article ({@code null} for a bad row)
 * @param author author field, or "" when the input has none
 * @param fields input columns in input order (CSV, directory), for the output
 * @param json   the input object as read (JSONL), for the output; {@code null} otherwise
 * @param error  why the row cannot be processed; {@code null} for a good row
 */
public record InputRecord(long row, long line, String id, String text, String author, Map<String, String> fields,
                          ObjectNode json, String error) {

    public static InputRecord bad(long row, long line, String id, String error) {
        return new InputRecord(row, line, id, null, "", Map.of(), null, error);
    }

    public boolean isBad() {
        return error != null;
    }

    /** The same row marked bad. */
    public InputRecord withError(String reason) {
        return new InputRecord(row, line, id, null, author, fields, json, reason);
    }
}
