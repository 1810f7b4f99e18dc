package dev.referent.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code OUTPUT.errors.jsonl}: one JSON object per bad row ({@code row}, {@code line}, {@code id}, {@code reason}),
 * flushed as it is written. A resumed run keeps the rows already reported and does not report them again.
 */
public final class ErrorLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Set<Long> reported = new HashSet<>();
    private OutputStream out;

    public ErrorLog(Path file, boolean resume) throws IOException {
        this.file = file;
        if (resume && Files.exists(file)) {
            OutputFiles.truncate(file, OutputFiles.completeLinesLength(file));
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        JsonNode row = JSON.readTree(line).get("row");
                        if (row != null) {
                            reported.add(row.asLong());
                        }
                    }
                }
            }
        } else {
            Files.deleteIfExists(file);
        }
    }

    /** The errors file that goes with an output path. */
    public static Path besides(Path output) {
        Path name = output.toAbsolutePath().normalize();
        return name.resolveSibling(name.getFileName() + ".errors.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Whether a resumed run already reported this row. */
    public boolean reported(long row) {
        return reported.contains(row);
    }

    public void write(InputRecord r) throws IOException {
        if (out == null) {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("row", r.row());
        if (r.line() > 0) {
            o.put("line", r.line());
        }
        if (r.id() == null) {
            o.putNull("id");
        } else {
            o.put("id", r.id());
        }
        o.put("reason", r.error());
        out.write((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        reported.add(r.row());
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
