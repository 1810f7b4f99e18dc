package dev.referent.batch;

import dev.referent.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CSV output (RFC 4180, CRLF): the input columns (or those chosen with --keep-cols) and {@code resolved}. */
public final class CsvSink implements Sink {

    private final OutputStream out;
    private final List<String> columns;
    private final String idColumn;
    private final Set<String> done = new HashSet<>();

    public CsvSink(Path file, List<String> inputColumns, Fields fields, boolean resume) throws IOException {
        List<String> cols = new ArrayList<>();
        for (String c : inputColumns) {
            if (fields.kept(c) && !cols.contains(c)) {
                cols.add(c);
            }
        }
        if (!cols.contains(fields.id())) {
            cols.add(0, fields.id());
        }
        this.columns = List.copyOf(cols);
        this.idColumn = fields.id();
        List<String> header = new ArrayList<>(columns);
        header.add("resolved");
        boolean fresh = !resume || !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
            long keep = readDone(file, header, fields.id());
            OutputFiles.truncate(file, keep);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        if (fresh) {
            out.write(line(header));
            out.flush();
        }
    }

    /** Collects the ids of the complete rows of an existing output; returns the length to keep. */
    private long readDone(Path file, List<String> header, String idColumn) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CsvSource reader = CsvSource.raw(in);
            CsvSource.Raw head = reader.readRaw();
            List<String> found = new ArrayList<>();
            if (head != null) {
                for (byte[] f : head.fields()) {
                    found.add(new String(f, StandardCharsets.UTF_8));
                }
            }
            if (head == null || !head.terminated()) {
                return 0; // not even a complete header: start the file again
            }
            if (!found.equals(header)) {
                throw new BatchException("cannot resume: " + file + " has the columns " + found + ", this run writes "
                        + header);
            }
            int idIndex = header.indexOf(idColumn);
            long keep = head.end();
            CsvSource.Raw r;
            while ((r = reader.readRaw()) != null && r.problem() == null && r.terminated()
                    && r.fields().size() == header.size()) {
                done.add(new String(r.fields().get(idIndex), StandardCharsets.UTF_8));
                keep = r.end();
            }
            return keep;
        }
    }

    @Override
    public Set<String> done() {
        return done;
    }

    @Override
    public void write(InputRecord record, Resolver.Resolved resolved) throws IOException {
        List<String> values = new ArrayList<>(columns.size() + 1);
        for (String c : columns) {
            String v = c.equals(idColumn) ? record.id() : record.fields().get(c);
            values.add(v == null ? "" : v);
        }
        values.add(resolved.text());
        out.write(line(values));
        out.flush();
    }

    static byte[] line(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                    || (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1))))) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
