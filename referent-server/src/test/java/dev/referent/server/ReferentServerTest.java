package dev.referent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.Resolver;
import dev.referent.format.JsonFormat;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.RewriteOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service over real HTTP on loopback, with the shipped model, against the library's own results. */
class ReferentServerTest {

    static final Path MODEL = Path.of("..", "models", "default");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static final List<String> ARTICLES = List.of(
            "John Kelly said the military would not be used. He also stated there would be no mass deportations. "
                    + "His comments came during a press conference where he and Rex Tillerson met with their counterparts.",
            "Angela Merkel met the French president in Berlin. She said the two countries would work together.",
            "The company reported higher profits on Tuesday. Its shares rose 5 percent after it raised its forecast.",
            "Maria Lopez won the race. Her coach said she had trained for years.",
            "Nothing here refers to anything.");

    private static ReferentServer server;
    private static Resolver library;

    static CorefModel model() {
        return CorefModel.load(CorefModel.Source.directory(MODEL), 1);
    }

    @BeforeAll
    static void start() throws Exception {
        server = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(2).withQueue(128),
                ReferentServerTest::model);
        server.awaitReady(Duration.ofSeconds(60));
        library = new Resolver(model(), RewriteOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (library != null) {
            library.model().close();
        }
    }

    static URI uri(ReferentServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static HttpResponse<String> post(ReferentServer s, String path, String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(s, path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(ReferentServer s, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(s, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String request(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("text", text);
        return o.toString();
    }

    private static String expected(String id, String text) {
        Resolver.Resolved r = library.resolve(id, text);
        return new JsonFormat(false).write(r.result(), r.model());
    }

    private static void assertError(HttpResponse<String> r, int status, String detailPart) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.hasNonNull("error"), r.body());
        assertTrue(body.get("detail").asText().contains(detailPart), r.body());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), "no stack trace: " + r.body());
    }

    @Test
    void resolveReturnsTheLibrarysJsonDocument() throws Exception {
        for (String text : ARTICLES) {
            HttpResponse<String> r = post(server, "/v1/resolve", "application/json", request(text));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(expected("request", text), r.body());
        }
    }

    @Test
    void plainTextBodyWithOptionsInTheQuery() throws Exception {
        String text = ARTICLES.get(0);
        HttpResponse<String> r = post(server, "/v1/resolve?format=text&replace=all", "text/plain; charset=utf-8", text);
        assertEquals(200, r.statusCode(), r.body());
        RewriteOptions all = RewriteOptions.defaults().withReplace(RewriteOptions.Replace.ALL);
        assertEquals(library.resolve("request", text, all).text(), r.body());
    }

    @Test
    void batchResolvesEachDocument() throws Exception {
        StringBuilder body = new StringBuilder("{\"documents\": [");
        for (int i = 0; i < ARTICLES.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\": \"d").append(i).append("\", \"text\": ")
                    .append(JSON.writeValueAsString(ARTICLES.get(i))).append('}');
        }
        body.append("]}");
        HttpResponse<String> r = post(server, "/v1/resolve/batch", "application/json", body.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode docs = JSON.readTree(r.body()).get("documents");
        assertEquals(ARTICLES.size(), docs.size());
        for (int i = 0; i < ARTICLES.size(); i++) {
            assertEquals(JSON.readTree(expected("d" + i, ARTICLES.get(i))), docs.get(i));
        }
    }

    @Test
    void healthMetricsAndPage() throws Exception {
        HttpResponse<String> health = get(server, "/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ready", JSON.readTree(health.body()).get("status").asText());
        post(server, "/v1/resolve", "application/json", request(ARTICLES.get(1)));
        HttpResponse<String> metrics = get(server, "/metrics");
        assertEquals(200, metrics.statusCode());
        for (String name : List.of("referent_requests_total{endpoint=\"/v1/resolve\",status=\"200\"}",
                "referent_request_duration_seconds_bucket{endpoint=\"/v1/resolve\",status=\"200\",le=\"+Inf\"}",
                "referent_documents_total", "referent_words_total", "referent_queue_depth",
                "referent_active_workers", "referent_open_connections", "referent_rejected_total",
                "referent_cancelled_total")) {
            assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
        }
        HttpResponse<String> page = get(server, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<textarea id=\"article\""));
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "no external resources");
    }

    @Test
    void errorsAreJsonWithTheRightStatus() throws Exception {
        assertError(post(server, "/v1/resolve", "application/json", "{\"text\": "), 400, "malformed JSON");
        assertError(post(server, "/v1/resolve", "application/json", "{\"txt\": \"x\"}"), 400, "unknown field 'txt'");
        assertError(post(server, "/v1/resolve", "application/json", "{\"id\": \"x\"}"), 400, "missing \"text\"");
        assertError(post(server, "/v1/resolve", "application/json", "{\"text\": 5}"), 400, "must be a string");
        assertError(post(server, "/v1/resolve", "application/json", "[1]"), 400, "JSON object");
        assertError(post(server, "/v1/resolve", "application/json",
                "{\"text\": \"x\", \"options\": {\"representative\": \"bogus\"}}"), 400, "representative");
        assertError(post(server, "/v1/resolve/batch", "application/json", "{\"documents\": [{\"id\": 1}]}"), 400,
                "documents[0].text");
        assertError(post(server, "/v1/resolve", "application/json", request("x".repeat(1_100_000))), 413, "limit");
        assertError(get(server, "/v1/resolve"), 405, "POST");
        assertError(get(server, "/nope"), 404, "/nope");
    }

    @Test
    void hundredConcurrentRequestsMatchTheLibrary() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = ARTICLES.get(i % ARTICLES.size());
            futures.add(CLIENT.sendAsync(HttpRequest.newBuilder(uri(server, "/v1/resolve"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request(text)))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = futures.get(i).get(120, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(expected("request", ARTICLES.get(i % ARTICLES.size())), r.body());
        }
    }

    @Test
    void notReadyWhileLoadingThenServes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ReferentServer loading = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1),
                () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return model();
                })) {
            assertEquals(503, get(loading, "/healthz").statusCode());
            HttpResponse<String> early = post(loading, "/v1/resolve", "application/json", request("Hi."));
            assertError(early, 503, "loading");
            assertTrue(early.headers().firstValue("Retry-After").isPresent());
            release.countDown();
            loading.awaitReady(Duration.ofSeconds(60));
            assertEquals(200, get(loading, "/healthz").statusCode());
        }
    }

    /** One worker, one queue slot: a burst gets 503 with Retry-After for what does not fit; a 1 ms limit gets 504. */
    @Test
    void fullQueueAnswers503AndSlowRequestsTimeOut() throws Exception {
        String longText = String.join(" ", java.util.Collections.nCopies(30, ARTICLES.get(0)));
        try (ReferentServer small = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1)
                .withQueue(1), ReferentServerTest::model)) {
            small.awaitReady(Duration.ofSeconds(60));
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                burst.add(CLIENT.sendAsync(HttpRequest.newBuilder(uri(small, "/v1/resolve"))
                        .POST(HttpRequest.BodyPublishers.ofString(request(longText))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int rejected = 0;
            for (CompletableFuture<HttpResponse<String>> f : burst) {
                HttpResponse<String> r = f.get(300, TimeUnit.SECONDS);
                if (r.statusCode() == 503) {
                    rejected++;
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                    assertError(r, 503, "retry later");
                } else {
                    assertEquals(200, r.statusCode(), r.body());
                    ok++;
                }
            }
            assertTrue(ok >= 1 && rejected >= 1, ok + " served, " + rejected + " rejected");
        }
        try (ReferentServer strict = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1)
                .withTimeout(Duration.ofMillis(1)), ReferentServerTest::model)) {
            strict.awaitReady(Duration.ofSeconds(60));
            assertError(post(strict, "/v1/resolve", "application/json", request(longText)), 504, "longer than");
        }
    }

    /** close() lets a request in flight finish before the model goes. */
    @Test
    void shutdownLetsInFlightRequestsFinish() throws Exception {
        String longText = String.join(" ", java.util.Collections.nCopies(20, ARTICLES.get(1)));
        ReferentServer s = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1),
                ReferentServerTest::model);
        s.awaitReady(Duration.ofSeconds(60));
        CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(HttpRequest.newBuilder(uri(s, "/v1/resolve"))
                .POST(HttpRequest.BodyPublishers.ofString(request(longText))).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        s.close();
        HttpResponse<String> r = inFlight.get(120, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("resolved").asText().length() > 100);
    }

    /** Issue #19: misspelt, unknown and wrongly typed options were silently ignored; now 400 naming the option. */
    @Test
    void unknownAndMistypedOptionsAre400NamingTheOption() throws Exception {
        String[][] cases = {
                {"{\"min-confidence\": 0.5}", "unknown option 'min-confidence' (did you mean 'min_confidence'?)"},
                {"{\"minConfidence\": 0.5}", "unknown option 'minConfidence' (did you mean 'min_confidence'?)"},
                {"{\"bogus\": true}", "unknown option 'bogus'; accepted options: replace, representative, "
                        + "inside_quotes, reflexives, min_confidence, format, tokens"},
                {"{\"inside_quotes\": \"yes\"}", "option 'inside_quotes' must be true or false"},
                {"{\"reflexives\": 1}", "option 'reflexives' must be true or false"},
                {"{\"tokens\": \"true\"}", "option 'tokens' must be true or false"},
                {"{\"replace\": 3}", "option 'replace' must be a string, one of pronouns, pronouns+nominals, all"},
                {"{\"replace\": \"everything\"}", "option 'replace' must be one of pronouns, pronouns+nominals, all"},
                {"{\"representative\": \"bogus\"}", "option 'representative' must be one of name, first, longest"},
                {"{\"min_confidence\": \"0.5\"}", "option 'min_confidence' must be a number from 0 to 1"},
                {"{\"min_confidence\": 1.5}", "option 'min_confidence' must be a number from 0 to 1"},
                {"{\"format\": \"xml\"}", "option 'format' must be one of json, text"},
                {"\"all\"", "\"options\" must be a JSON object"},
                {"[\"all\"]", "\"options\" must be a JSON object"},
        };
        for (String[] c : cases) {
            assertError(post(server, "/v1/resolve", "application/json",
                    "{\"text\": \"Maria won. She cheered.\", \"options\": " + c[0] + "}"), 400, c[1]);
        }
        // the same rules for the query parameters of a text/plain body, and in batch (where format has no place)
        assertError(post(server, "/v1/resolve?min-confidence=0.5", "text/plain", "Maria won. She cheered."), 400,
                "unknown option 'min-confidence'");
        assertError(post(server, "/v1/resolve?inside_quotes=yes", "text/plain", "Maria won. She cheered."), 400,
                "option 'inside_quotes' must be true or false; got 'yes'");
        assertError(post(server, "/v1/resolve?replace=all", "application/json", request("Maria won.")), 400,
                "query parameters are read only with a text/plain body");
        assertError(post(server, "/v1/resolve/batch", "application/json",
                "{\"documents\": [{\"text\": \"Hi.\"}], \"options\": {\"bogus\": 1}}"), 400, "unknown option 'bogus'");
        assertError(post(server, "/v1/resolve/batch", "application/json",
                "{\"documents\": [{\"text\": \"Hi.\"}], \"options\": {\"format\": \"text\"}}"), 400,
                "unknown option 'format' (a batch always answers JSON)");
        assertError(post(server, "/v1/resolve/batch", "application/json",
                "{\"documents\": [{\"text\": \"Hi.\"}], \"options\": \"all\"}"), 400, "\"options\" must be a JSON object");

        // every option, well typed, is taken (and null means the default)
        String text = ARTICLES.get(0);
        String body = "{\"text\": " + JSON.writeValueAsString(text) + ", \"options\": {\"replace\": \"all\", "
                + "\"representative\": \"longest\", \"inside_quotes\": true, \"reflexives\": true, "
                + "\"min_confidence\": 0.25, \"format\": \"text\", \"tokens\": false}}";
        RewriteOptions expected = RewriteOptions.defaults().withReplace(RewriteOptions.Replace.ALL)
                .withRepresentative(RewriteOptions.Representative.LONGEST).withInsideQuotes(true).withReflexives(true)
                .withMinConfidence(0.25);
        HttpResponse<String> r = post(server, "/v1/resolve", "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(library.resolve("request", text, expected).text(), r.body());
        HttpResponse<String> nulls = post(server, "/v1/resolve", "application/json",
                "{\"text\": " + JSON.writeValueAsString(text) + ", \"options\": {\"replace\": null}}");
        assertEquals(expected("request", text), nulls.body());
    }

    /** Issue #19: XML or form bodies were parsed as JSON; now 415 naming what is accepted. */
    @Test
    void bodiesThatAreNotJsonOrPlainTextAre415() throws Exception {
        String json = request("Maria won. She cheered.");
        assertError(post(server, "/v1/resolve", "application/xml", "<text>Maria won.</text>"), 415,
                "send application/json or text/plain");
        assertError(post(server, "/v1/resolve", "application/x-www-form-urlencoded", json), 415,
                "'application/x-www-form-urlencoded' is not accepted");
        assertError(post(server, "/v1/resolve", "text/plain; charset=iso-8859-1", "Maria won."), 415, "UTF-8");
        HttpResponse<String> refused = post(server, "/v1/resolve/batch", "text/plain", "Maria won.");
        assertError(refused, 415, "send application/json");
        // refused before its body was read: the connection is not to be reused (a reused one got no answer in CI)
        assertEquals("close", refused.headers().firstValue("connection").orElse(""));
        assertEquals(200, post(server, "/v1/resolve", "application/json; charset=UTF-8", json).statusCode());
        assertEquals(200, post(server, "/v1/resolve", "text/plain;charset=utf-8", "Maria won.").statusCode());
    }

    /** Issue #19: empty text was 200 in the API and an error in batch; now an input error everywhere. */
    @Test
    void emptyTextIsAnInputErrorAndLongTextNamesTheLimit() throws Exception {
        assertError(post(server, "/v1/resolve", "application/json", request("")), 400, "empty or only whitespace");
        assertError(post(server, "/v1/resolve", "application/json", request(" \n\t ")), 400, "empty or only whitespace");
        assertError(post(server, "/v1/resolve", "text/plain", "   "), 400, "empty or only whitespace");
        assertError(post(server, "/v1/resolve/batch", "application/json",
                "{\"documents\": [{\"text\": \"Maria won.\"}, {\"text\": \"\"}]}"), 400,
                "\"documents[1].text\" is empty");
        assertError(post(server, "/v1/resolve", "application/json", request("x ".repeat(500_001))), 413,
                "has 1000002 characters; the limit is 1000000 characters (--max-chars)");
        byte[] invalid = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> bad = CLIENT.send(HttpRequest.newBuilder(uri(server, "/v1/resolve"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(invalid))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(bad, 400, "not valid UTF-8 (byte offset 10)");
    }

    /** The body limit (--max-body) is its own 413, before any parsing. */
    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        try (ReferentServer small = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(1)
                .withMaxBodyBytes(1000), ReferentServerTest::model)) {
            small.awaitReady(Duration.ofSeconds(60));
            assertError(post(small, "/v1/resolve", "application/json", request("word ".repeat(400))), 413,
                    "the limit is 1000 bytes (--max-body)");
            assertEquals(200, post(small, "/v1/resolve", "application/json", request("Maria won.")).statusCode());
        }
    }
}
