package dev.referent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.model.ModelLocator;
import dev.referent.server.ReferentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, item 3: {@code resolve --format json}, {@code batch --clusters} (JSON Lines) and the service's
 * {@code /v1/resolve} write clusters and replacements with one schema, core's JsonFormat: the same field names and
 * shapes, and for one text the same values.
 */
class OneJsonSchemaTest {

    private static final String TEXT = "Maria Lopez won the race on Sunday. Her coach said she had trained for years, "
            + "and the company that sponsors her raised its bonus.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedOut;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
    }

    @Test
    void resolveBatchAndServiceWriteTheSameClustersAndReplacements(@TempDir Path dir) throws Exception {
        Path article = Files.writeString(dir.resolve("a.txt"), TEXT);
        assertEquals(0, Main.run("resolve", article.toString(), "--format", "json", "--threads", "1"));
        JsonNode resolve = JSON.readTree(out.toString(StandardCharsets.UTF_8));

        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "id,text\na,\"" + TEXT + "\"\n");
        Path jsonl = dir.resolve("out.jsonl");
        assertEquals(0, Main.run("batch", csv.toString(), "--out", jsonl.toString(), "--clusters", "--threads", "1",
                "--quiet"));
        JsonNode batch = JSON.readTree(Files.readAllLines(jsonl).get(0));

        JsonNode service;
        try (ReferentServer server = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1),
                ModelLocator.defaultModel(1)::load)) {
            server.awaitReady(Duration.ofSeconds(120));
            ObjectNode body = JSON.createObjectNode().put("text", TEXT);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/v1/resolve"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            service = JSON.readTree(r.body());
        }

        assertTrue(resolve.get("clusters").size() > 0 && resolve.get("replacements").size() > 0,
                "the text has chains and replacements: " + resolve);
        for (String field : List.of("clusters", "replacements")) {
            // the same schema (every path and its JSON type) ...
            assertEquals(shape(resolve.get(field)), shape(batch.get(field)), field + ": batch differs from resolve");
            assertEquals(shape(resolve.get(field)), shape(service.get(field)), field + ": service differs from resolve");
            // ... and, for one text with one model and the same options, the same values
            assertEquals(resolve.get(field), batch.get(field), field);
            assertEquals(resolve.get(field), service.get(field), field);
        }
        assertEquals(resolve.get("resolved"), batch.get("resolved"));
        assertEquals(resolve.get("resolved"), service.get("resolved"));
        // the full shape: every mention has its type, tokens, head and link confidence
        JsonNode mention = batch.get("clusters").get(0).get("mentions").get(0);
        for (String f : List.of("start", "end", "text", "type", "tokens", "head", "confidence")) {
            assertTrue(mention.has(f), f + " missing from " + mention);
        }
    }

    /** Every path of a JSON value with its node type (array elements merged under "[]"). */
    static TreeSet<String> shape(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        shape(node, "", paths);
        return paths;
    }

    private static void shape(JsonNode node, String path, TreeSet<String> paths) {
        paths.add(path + ":" + (node.isNumber() ? "number" : node.getNodeType().name().toLowerCase()));
        if (node.isArray()) {
            for (JsonNode e : node) {
                shape(e, path + "[]", paths);
            }
        } else if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                shape(node.get(f), path + "." + f, paths);
            }
        }
    }
}
