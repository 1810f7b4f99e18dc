package dev.referent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.referent.Resolver;
import dev.referent.format.JsonFormat;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.RewriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP service: {@code POST /v1/resolve}, {@code POST /v1/resolve/batch}, {@code GET /healthz},
 * {@code GET /metrics} and the web page at {@code GET /}. It runs on the JDK's own HTTP server; the model is loaded
 * once, in the background, and shared by a fixed pool of workers fed from a bounded queue (full: 503 with
 * {@code Retry-After}). Every error is JSON {@code {"error": ..., "detail": ...}}, never a stack trace.
 */
public final class ReferentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferentServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param host          interface to bind (127.0.0.1 by default: not reachable from other machines)
     * @param port          TCP port, 0 for any free one
     * @param workers       documents resolved at once
     * @param queue         requests that may wait for a worker before the service answers 503
     * @param maxBodyBytes  request body limit (413 above it)
     * @param timeout       per-request limit (504 after it)
     * @param shutdownGrace how long in-flight requests may finish after a shutdown starts
     */
    public record Config(String host, int port, int workers, int queue, long maxBodyBytes, Duration timeout,
                         Duration shutdownGrace) {

        public static Config defaults() {
            return new Config("127.0.0.1", 8080, Runtime.getRuntime().availableProcessors(), 64, 1 << 20,
                    Duration.ofSeconds(60), Duration.ofSeconds(30));
        }

        public Config withPort(int p) {
            return new Config(host, p, workers, queue, maxBodyBytes, timeout, shutdownGrace);
        }

        public Config withHost(String h) {
            return new Config(h, port, workers, queue, maxBodyBytes, timeout, shutdownGrace);
        }

        public Config withWorkers(int w) {
            return new Config(host, port, w, queue, maxBodyBytes, timeout, shutdownGrace);
        }

        public Config withQueue(int q) {
            return new Config(host, port, workers, q, maxBodyBytes, timeout, shutdownGrace);
        }

        public Config withMaxBodyBytes(long b) {
            return new Config(host, port, workers, queue, b, timeout, shutdownGrace);
        }

        public Config withTimeout(Duration t) {
            return new Config(host, port, workers, queue, maxBodyBytes, t, shutdownGrace);
        }
    }

    /** An error answered as JSON with its HTTP status. */
    private static final class HttpError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String error;

        HttpError(int status, String error, String detail) {
            super(detail);
            this.status = status;
            this.error = error;
        }
    }

    private final Config config;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger active = new AtomicInteger();
    /** HTTP exchanges being handled now (a graceful shutdown waits for them). */
    private final AtomicInteger exchanges = new AtomicInteger();
    private final Metrics metrics;
    private final CompletableFuture<Resolver> resolver;
    private final byte[] page;
    private volatile boolean closed;

    private ReferentServer(Config config, Supplier<CorefModel> loader) throws IOException {
        this.config = config;
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queue())), daemon("referent-worker"));
        this.metrics = new Metrics(() -> workers.getQueue().size(), active::get);
        try (InputStream in = ReferentServer.class.getResourceAsStream("/referent-server/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the web page resource is missing from the build");
            }
            this.page = in.readAllBytes();
        }
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        // request threads wait for a worker's result; enough of them for every worker and every queued request
        this.httpThreads = Executors.newFixedThreadPool(config.workers() + config.queue() + 8, daemon("referent-http"));
        http.setExecutor(httpThreads);
        http.createContext("/", this::handle);
        this.resolver = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            CorefModel model = loader.get();
            LOG.info("model {} loaded in {} ms", model.name(), (System.nanoTime() - t0) / 1_000_000);
            return new Resolver(model, RewriteOptions.defaults());
        }, Executors.newSingleThreadExecutor(daemon("referent-model-loader")));
        resolver.exceptionally(e -> {
            LOG.error("loading the model failed: {}", e.getMessage());
            return null;
        });
        http.start();
    }

    /** Starts listening at once; the model loads in the background ({@code /healthz} says when it is ready). */
    public static ReferentServer start(Config config, Supplier<CorefModel> loader) throws IOException {
        return new ReferentServer(config, loader);
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Whether the model is loaded and requests are served. */
    public boolean ready() {
        return resolver.isDone() && !resolver.isCompletedExceptionally() && !closed;
    }

    /** Blocks until the model is loaded (or failed to load). */
    public void awaitReady(Duration max) throws InterruptedException, TimeoutException {
        try {
            resolver.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the model failed to load: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops accepting requests, lets in-flight ones finish (up to the grace period), then releases the model. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true; // from now on requests are answered 503
        // wait for the exchanges in flight ourselves: HttpServer.stop(delay) also waits out idle keep-alive connections
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (exchanges.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpThreads.shutdownNow();
        Resolver r = resolver.getNow(null);
        if (r != null) {
            r.model().close();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        exchanges.incrementAndGet();
        try {
            handleCounted(ex);
        } finally {
            exchanges.decrementAndGet();
        }
    }

    private void handleCounted(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        String endpoint = switch (path) {
            case "/", "/index.html" -> "/";
            case "/healthz", "/metrics", "/v1/resolve", "/v1/resolve/batch" -> path;
            default -> "other";
        };
        int status;
        try {
            status = route(ex, endpoint);
        } catch (HttpError e) {
            status = e.status;
            if (status == 503) {
                ex.getResponseHeaders().set("Retry-After", "1");
            }
            sendError(ex, e.status, e.error, e.getMessage());
        } catch (IOException e) {
            status = 499; // the client went away
            LOG.debug("request {} failed: {}", path, e.getMessage());
        } catch (RuntimeException e) {
            status = 500;
            LOG.error("request {} failed", path, e);
            sendError(ex, 500, "internal_error", "the request could not be processed");
        } finally {
            ex.close();
        }
        metrics.request(endpoint, status, (System.nanoTime() - t0) / 1e9);
    }

    private int route(HttpExchange ex, String endpoint) throws IOException, HttpError {
        switch (endpoint) {
            case "/" -> {
                requireMethod(ex, "GET");
                return send(ex, 200, "text/html; charset=utf-8", page);
            }
            case "/healthz" -> {
                requireMethod(ex, "GET");
                ObjectNode o = JSON.createObjectNode();
                if (ready()) {
                    o.put("status", "ready");
                    o.put("model", resolver.join().model().name());
                    return sendJson(ex, 200, o);
                }
                o.put("status", resolver.isCompletedExceptionally() ? "failed" : closed ? "stopping" : "loading");
                return sendJson(ex, 503, o);
            }
            case "/metrics" -> {
                requireMethod(ex, "GET");
                return send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.render().getBytes(StandardCharsets.UTF_8));
            }
            case "/v1/resolve" -> {
                requireMethod(ex, "POST");
                return resolveOne(ex);
            }
            case "/v1/resolve/batch" -> {
                requireMethod(ex, "POST");
                return resolveBatch(ex);
            }
            default -> throw new HttpError(404, "not_found", "no endpoint " + ex.getRequestURI().getPath()
                    + " (try POST /v1/resolve)");
        }
    }

    private static void requireMethod(HttpExchange ex, String method) throws HttpError {
        if (!ex.getRequestMethod().equalsIgnoreCase(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw new HttpError(405, "method_not_allowed", ex.getRequestURI().getPath() + " takes " + method);
        }
    }

    private int resolveOne(HttpExchange ex) throws IOException, HttpError {
        byte[] body = readBody(ex);
        String contentType = contentType(ex);
        String text;
        String id = "request";
        JsonNode options;
        if (contentType.startsWith("text/plain")) {
            text = utf8(body);
            options = queryOptions(ex);
        } else {
            JsonNode root = parseJson(body);
            text = requireText(root.get("text"), "text");
            if (root.hasNonNull("id")) {
                id = root.get("id").asText();
            }
            options = root.path("options");
        }
        RewriteOptions rewrite = rewriteOptions(options);
        String format = options.path("format").asText("json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("text")) {
            throw new HttpError(400, "bad_request", "options.format must be json or text, not '" + format + "'");
        }
        boolean tokens = options.path("tokens").asBoolean(false);
        String docId = id;
        Resolver.Resolved r = run(() -> resolve(docId, text, rewrite));
        if (format.equals("text")) {
            return send(ex, 200, "text/plain; charset=utf-8", r.text().getBytes(StandardCharsets.UTF_8));
        }
        String json = new JsonFormat(tokens).write(r.result(), r.confidence(), r.model());
        return send(ex, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private int resolveBatch(HttpExchange ex) throws IOException, HttpError {
        JsonNode root = parseJson(readBody(ex));
        JsonNode docs = root.get("documents");
        if (docs == null || !docs.isArray()) {
            throw new HttpError(400, "bad_request", "the body needs a \"documents\" array of {\"id\", \"text\"}");
        }
        RewriteOptions rewrite = rewriteOptions(root.path("options"));
        boolean tokens = root.path("options").path("tokens").asBoolean(false);
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            String text = requireText(d.get("text"), "documents[" + i + "].text");
            items.add(new String[] {d.hasNonNull("id") ? d.get("id").asText() : String.valueOf(i), text});
        }
        List<String> results = run(() -> {
            List<String> out = new ArrayList<>();
            for (String[] item : items) {
                Resolver.Resolved r = resolve(item[0], item[1], rewrite);
                out.add(new JsonFormat(tokens).write(r.result(), r.confidence(), r.model()));
            }
            return out;
        });
        // the documents are already JSON text: joined as they are, not parsed again
        String response = "{\"documents\":[" + String.join(",", results) + "]}";
        return send(ex, 200, "application/json", response.getBytes(StandardCharsets.UTF_8));
    }

    private Resolver.Resolved resolve(String id, String text, RewriteOptions options) {
        Resolver r = resolver.join();
        Resolver.Resolved out = r.resolve(id, text, options);
        metrics.documents.increment();
        metrics.words.add(out.document().size());
        return out;
    }

    /** Runs work on the worker pool: 503 when the queue is full or the model is not ready, 504 after the timeout. */
    private <T> T run(Callable<T> work) throws HttpError {
        if (!ready()) {
            throw new HttpError(503, "not_ready", resolver.isCompletedExceptionally() ? "the model failed to load"
                    : closed ? "the service is shutting down" : "the model is still loading");
        }
        Future<T> future;
        try {
            future = workers.submit(() -> {
                active.incrementAndGet();
                try {
                    return work.call();
                } finally {
                    active.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new HttpError(503, "overloaded", "all " + config.workers() + " workers are busy and "
                    + config.queue() + " requests are waiting; retry later");
        }
        try {
            return future.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpError(504, "timeout", "the request took longer than " + config.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "interrupted", "the service is shutting down");
        } catch (CancellationException e) {
            throw new HttpError(503, "cancelled", "the request was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw new HttpError(400, "bad_request", cause.getMessage());
            }
            LOG.error("resolving failed", cause);
            throw new HttpError(500, "internal_error", "resolving the document failed");
        }
    }

    private byte[] readBody(HttpExchange ex) throws IOException, HttpError {
        long limit = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw new HttpError(400, "bad_request", "Content-Length is not a number");
            }
        }
        // an oversized body is still read (and dropped) up to a bound, so that the client gets the 413 instead of a
        // connection reset while it is sending
        long drainLimit = Math.max(limit, 64L << 20);
        InputStream in = ex.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total <= limit) {
                out.write(buffer, 0, n);
            } else if (total > drainLimit) {
                break;
            }
        }
        if (total > limit) {
            throw new HttpError(413, "payload_too_large", "the body has " + (total > drainLimit ? "over " : "")
                    + total + " bytes; the limit is " + limit);
        }
        return out.toByteArray();
    }

    private static String contentType(HttpExchange ex) {
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        return ct == null ? "application/json" : ct.toLowerCase(Locale.ROOT).strip();
    }

    private static String utf8(byte[] body) throws HttpError {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new HttpError(400, "bad_request", "the body is not valid UTF-8");
        }
    }

    private static JsonNode parseJson(byte[] body) throws HttpError {
        if (body.length == 0) {
            throw new HttpError(400, "bad_request", "the body is empty; send JSON such as {\"text\": \"...\"}");
        }
        try {
            JsonNode root = JSON.readTree(utf8(body));
            if (root == null || !root.isObject()) {
                throw new HttpError(400, "bad_request", "the body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "bad_request", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private static String requireText(JsonNode node, String field) throws HttpError {
        if (node == null || node.isNull()) {
            throw new HttpError(400, "bad_request", "missing \"" + field + "\"");
        }
        if (!node.isTextual()) {
            throw new HttpError(400, "bad_request", "\"" + field + "\" must be a string");
        }
        return node.asText();
    }

    private static JsonNode queryOptions(HttpExchange ex) {
        ObjectNode o = JSON.createObjectNode();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    o.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return o;
    }

    private static RewriteOptions rewriteOptions(JsonNode o) throws HttpError {
        RewriteOptions options = RewriteOptions.defaults();
        try {
            if (o.hasNonNull("replace")) {
                options = options.withReplace(RewriteOptions.Replace.parse(o.get("replace").asText()));
            }
            if (o.hasNonNull("representative")) {
                options = options.withRepresentative(RewriteOptions.Representative.parse(o.get("representative").asText()));
            }
            if (o.hasNonNull("inside_quotes")) {
                options = options.withInsideQuotes(o.get("inside_quotes").asBoolean());
            }
            if (o.hasNonNull("reflexives")) {
                options = options.withReflexives(o.get("reflexives").asBoolean());
            }
            if (o.hasNonNull("min_confidence")) {
                options = options.withMinConfidence(Double.parseDouble(o.get("min_confidence").asText()));
            }
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "bad_request", "options: " + e.getMessage().replace("--", ""));
        }
        return options;
    }

    private static int sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        return send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void sendError(HttpExchange ex, int status, String error, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        try {
            send(ex, status, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            LOG.debug("could not send the error response: {}", e.getMessage());
        }
    }

    private static int send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
