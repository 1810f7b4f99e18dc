package dev.referent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referent.rewrite.RewriteOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based fuzzing of the request handling: random option maps against the option parser (an independent
 * oracle says which must pass and which must be a 400 naming the first bad option), and random requests (paths,
 * query strings, content types, bodies: bytes, text, JSON of any shape, valid requests with random options) over a
 * raw socket against a real server: always a 2xx or 4xx answer, every error JSON {@code {"error", "detail"}}, never a
 * 5xx or a hang; a content type that is not accepted is always 415. Tries are bounded so that it runs in seconds.
 */
class RequestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REPLACE = Set.of("pronouns", "pronouns+nominals", "pronouns_and_nominals",
            "nominals", "all");
    private static final Set<String> REPRESENTATIVE = Set.of("name", "first", "longest");

    private static ReferentServer server;

    @BeforeContainer
    static void start() throws Exception {
        server = ReferentServer.start(ReferentServer.Config.defaults().withPort(0).withWorkers(2).withQueue(64)
                .withMaxBodyBytes(64 * 1024).withMaxChars(2000).withReadTimeout(Duration.ofSeconds(5)),
                ReferentServerTest::model);
        server.awaitReady(Duration.ofSeconds(60));
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- the option parser, in isolation: many tries, no I/O

    @Property(tries = 2000)
    void optionMapsAreTakenOrRejectedNamingTheFirstBadOption(@ForAll("optionMaps") Map<String, Object> options,
                                                            @ForAll boolean batch) {
        JsonNode node = JSON.valueToTree(options);
        String firstBad = null;
        for (Map.Entry<String, Object> e : options.entrySet()) {
            if (!valid(e.getKey(), e.getValue(), batch)) {
                firstBad = e.getKey();
                break;
            }
        }
        try {
            RequestOptions o = RequestOptions.fromJson(node, batch);
            assertEquals(null, firstBad, "option '" + firstBad + "' must be rejected: " + options);
            RewriteOptions expected = RewriteOptions.defaults();
            if (options.get("replace") instanceof String s) {
                expected = expected.withReplace(RewriteOptions.Replace.parse(s));
            }
            if (options.get("min_confidence") instanceof Number n) {
                expected = expected.withMinConfidence(n.doubleValue());
            }
            if (options.get("inside_quotes") instanceof Boolean b) {
                expected = expected.withInsideQuotes(b);
            }
            assertEquals(expected.replace(), o.rewrite().replace());
            assertEquals(expected.minConfidence(), o.rewrite().minConfidence());
            assertEquals(expected.insideQuotes(), o.rewrite().insideQuotes());
        } catch (HttpError e) {
            assertEquals(400, e.status);
            assertTrue(firstBad != null, "nothing wrong with " + options + ", yet: " + e.getMessage());
            assertTrue(e.getMessage().contains("'" + firstBad + "'"), e.getMessage() + " names " + firstBad);
        }
    }

    /** The oracle, written apart from the parser: what each accepted option takes. */
    private static boolean valid(String name, Object value, boolean batch) {
        if (!RequestOptions.NAMES.contains(name) || batch && name.equals("format")) {
            return false;
        }
        if (value == null) {
            return true;
        }
        return switch (name) {
            case "replace" -> value instanceof String s && REPLACE.contains(s.toLowerCase(Locale.ROOT));
            case "representative" -> value instanceof String s && REPRESENTATIVE.contains(s.toLowerCase(Locale.ROOT));
            case "format" -> value instanceof String s && Set.of("json", "text").contains(s.toLowerCase(Locale.ROOT));
            case "inside_quotes", "reflexives", "tokens" -> value instanceof Boolean;
            case "min_confidence" -> value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1;
            default -> false;
        };
    }

    @Provide
    Arbitrary<Map<String, Object>> optionMaps() {
        return optionMapArbitrary();
    }

    private static Arbitrary<Map<String, Object>> optionMapArbitrary() {
        return Arbitraries.maps(optionNames(), optionValues()).ofMaxSize(5);
    }

    private static Arbitrary<String> optionNames() {
        return Arbitraries.oneOf(
                Arbitraries.of(RequestOptions.NAMES),
                Arbitraries.of("min-confidence", "minConfidence", "bogus", "Replace", "inside-quotes", "insideQuotes",
                        "", " replace", "options", "text"),
                Arbitraries.strings().ofMaxLength(12));
    }

    private static Arbitrary<Object> optionValues() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.of("pronouns", "pronouns+nominals", "ALL", "all", "name", "First", "longest", "json",
                        "text", "TEXT", "yes", "true", "0.5", "", "nominals"),
                Arbitraries.strings().ofMaxLength(10),
                Arbitraries.of(true, false),
                Arbitraries.doubles().between(-1, 2),
                Arbitraries.integers().between(-3, 3),
                Arbitraries.just(null));
        return Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(2).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), scalar).ofMaxSize(2).map(m -> (Object) m));
    }

    // ---- whole requests over a raw socket against a real server: bounded tries

    record Exchange(String method, String target, String contentType, byte[] body) {
        @Override
        public String toString() {
            String b = new String(body, StandardCharsets.UTF_8);
            return method + " " + target + " [" + contentType + "] " + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
        }
    }

    @Property(tries = 150)
    void everyRequestGetsA2xxOr4xxAndErrorsAreJson(@ForAll("requests") Exchange request) throws Exception {
        Answer a = send(request);
        assertTrue(a.status >= 200 && a.status < 300 || a.status >= 400 && a.status < 500,
                "status " + a.status + " for " + request + ": " + a.body);
        if (a.status >= 400) {
            assertTrue(a.contentType.startsWith("application/json"), a.contentType + " for " + request);
            JsonNode error = JSON.readTree(a.body);
            assertTrue(error.path("error").isTextual() && error.path("detail").isTextual(), a.body);
            assertTrue(!a.body.contains("Exception") && !a.body.contains("\tat "), "no stack trace: " + a.body);
        }
        String path = request.target.contains("?") ? request.target.substring(0, request.target.indexOf('?'))
                : request.target;
        boolean resolveEndpoint = path.equals("/v1/resolve") || path.equals("/v1/resolve/batch");
        if (request.method.equals("POST") && resolveEndpoint && !acceptedMediaType(request)) {
            assertEquals(415, a.status, request + ": " + a.body);
        }
    }

    private static boolean acceptedMediaType(Exchange r) {
        if (r.contentType == null) {
            return true; // read as JSON
        }
        String[] parts = r.contentType.split(";");
        String mime = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean batch = r.target.startsWith("/v1/resolve/batch");
        if (!mime.equals("application/json") && !(mime.equals("text/plain") && !batch)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring(8).replace("\"", "").strip();
                if (!cs.equals("utf-8") && !cs.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    @Provide
    Arbitrary<Exchange> requests() {
        Arbitrary<String> method = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just("POST")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE", "PATCH")));
        Arbitrary<String> path = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("/v1/resolve")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("/v1/resolve/batch")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("/", "/healthz", "/metrics", "/v1", "/v1/resolve/",
                        "/v1/resolve/%2e%2e/x", "/v1//resolve", "/nope")));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.maps(optionNames(), optionValues().map(String::valueOf)).ofMaxSize(3).map(m -> {
                    StringBuilder q = new StringBuilder("?");
                    m.forEach((k, v) -> q.append(q.length() > 1 ? "&" : "").append(enc(k)).append('=').append(enc(v)));
                    return q.toString();
                }),
                Arbitraries.of("?%zz=1", "?replace", "?&&", "?replace=all&replace=pronouns", "?format=text",
                        "?tokens=true&format=json"));
        Arbitrary<String> contentType = Arbitraries.oneOf(
                Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain",
                        "TEXT/PLAIN; charset=\"UTF-8\"", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "text/html", "application/json; charset=latin1",
                        "application/jsonx", "text/plain;charset=utf8", "*/*"),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(30).map(String::strip)
                        .filter(s -> !s.isEmpty()),
                Arbitraries.just(null));
        return Combinators.combine(method, path, query, contentType, bodies())
                .as((m, p, q, ct, b) -> new Exchange(m, p + q, ct, b));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Arbitrary<byte[]> bodies() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.of("Maria won the race. Her coach said she had trained for years.",
                        "Angela Merkel met the French president. She said they would work together.", "", "   ",
                        "He said \"I\" did it.", "x".repeat(2001)),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120));
        Arbitrary<Object> id = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.just(null),
                Arbitraries.of(true, 1.5).map(v -> (Object) v));
        Arbitrary<Object> options = Arbitraries.oneOf(optionMapArbitrary().map(m -> (Object) m), optionValues());
        Arbitrary<byte[]> single = Combinators.combine(text, id, options, Arbitraries.integers().between(0, 7))
                .as((t, i, o, shape) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (shape != 1) {
                        m.put("text", shape == 2 ? (Object) List.of(t) : t);
                    }
                    if (shape >= 3) {
                        m.put("id", i);
                    }
                    if (shape >= 4) {
                        m.put("options", o);
                    }
                    if (shape == 7) {
                        m.put("extra", 1);
                    }
                    return json(m);
                });
        Arbitrary<byte[]> batch = Combinators.combine(text.list().ofMaxSize(3), options, Arbitraries.of(true, false))
                .as((texts, o, withOptions) -> {
                    List<Object> docs = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) {
                        docs.add(i % 2 == 0 ? Map.of("text", texts.get(i)) : Map.of("id", "d" + i, "text", texts.get(i)));
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("documents", docs);
                    if (withOptions) {
                        m.put("options", o);
                    }
                    return json(m);
                });
        return Arbitraries.oneOf(single, batch,
                text.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                optionValues().map(RequestFuzzTest::json),
                Arbitraries.of("{", "{\"text\": ", "[]", "null", "{\"documents\": {}}", "{\"documents\": [1, null]}",
                        "[".repeat(3000) + "]".repeat(3000), "{\"text\": \"a\\ud800b\"}", "\u00ef\u00bb\u00bf{}")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    /** A minimal HTTP/1.1 client: whatever the request holds is sent as it is; a hang fails the property. */
    private static Answer send(Exchange r) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(15_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(r.method + " " + r.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Length: " + r.body.length + "\r\n");
            if (r.contentType != null) {
                head.append("Content-Type: ").append(r.contentType).append("\r\n");
            }
            req.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            req.write(r.body);
            OutputStream out = s.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all;
            try {
                all = in.readAllBytes();
            } catch (java.net.SocketTimeoutException e) {
                fail("no answer within 15 s to " + r);
                throw e;
            }
            String text = new String(all, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(text.startsWith("HTTP/1.1 ") && end > 0, "an HTTP answer to " + r + ": " + text);
            int status = Integer.parseInt(text.substring(9, 12));
            String contentType = "";
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
            return new Answer(status, contentType, text.substring(end + 4));
        }
    }
}
