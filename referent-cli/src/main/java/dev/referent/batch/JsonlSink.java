package dev.referent.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.Resolver;
import dev.referent.format.JsonFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * JSON Lines output: the input's fields (or those chosen with --keep-cols), {@code resolved}, and with --clusters the
 * {@code clusters} and {@code replacements} of {@code resolve --format json}.
 */
public final class JsonlSink implements Sink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Fields fields;
    private final boolean clusters;
    private final Set<String> done = new HashSet<>();

    public JsonlSink(Path file, Fields fields, boolean clusters, boolean resume) throws IOException {
        this.fields = fields;
        this.clusters = clusters;
        if (resume && Files.exists(file)) {
            OutputFiles.truncate(file, OutputFiles.completeLinesLength(file));
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode id;
                    try {
                        id = JSON.readTree(line).get(fields.id());
                    } catch (IOException e) {
                        throw new BatchException(file + " line " + n + " is not JSON; it cannot be resumed: " + e.getMessage());
                    }
                    if (id != null) {
                        done.add(id.asText());
                    }
                }
            }
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public Set<String> done() {
        return done;
    }

    @Override
    public void write(InputRecord record, Resolver.Resolved resolved) throws IOException {
        ObjectNode o;
        if (record.json() != null) {
            o = record.json().deepCopy();
            if (fields.keep() != null) {
                for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                    if (!fields.kept(it.next())) {
                        it.remove();
                    }
                }
            }
        } else {
            o = JSON.createObjectNode();
            for (Map.Entry<String, String> e : record.fields().entrySet()) {
                if (fields.kept(e.getKey())) {
                    o.put(e.getKey(), e.getValue());
                }
            }
        }
        o.put("resolved", resolved.text());
        if (clusters) {
            // core's JsonFormat writes them, so that these arrays have the schema of resolve --format json and of
            // the service's answers (one writer; batch used to write a smaller cluster shape of its own)
            o.set("clusters", JSON.readTree(JsonFormat.clusters(resolved.result())));
            o.set("replacements", JSON.readTree(JsonFormat.replacements(resolved.result())));
        }
        byte[] line = (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(line);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
