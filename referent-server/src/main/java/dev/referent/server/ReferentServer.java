package dev.referent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.Resolver;
import dev.referent.format.JsonFormat;
import dev.referent.model.Cancellation;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.RewriteOptions;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP service: {@code POST /v1/resolve}, {@code POST /v1/resolve/batch}, {@code GET /healthz},
 * {@code GET /metrics} and the web page at {@code GET /}, on embedded Jetty 12 (its core API, no servlets).
 *
 * <p>Why it holds under slow clients and load: request bodies are read asynchronously, so a client that sends its
 * headers and part of a body and then goes silent holds a connection but no thread, and is dropped after the read or
 * idle timeout; resolving runs on a fixed pool of workers of its own, fed from a bounded queue (full: 503 with
 * {@code Retry-After}), never on Jetty's I/O threads, so {@code /healthz} and {@code /metrics} are answered whatever
 * the workers are doing; a request past its deadline is answered 504 at once and its work stops at the model's next
 * check (between encoder windows and blocks of pair scores), which frees its worker.
 *
 * <p>Every error is JSON {@code {"error": ..., "detail": ...}}, never a stack trace; every request leaves one
 * access-log line (SLF4J logger {@code dev.referent.server.access}) and its latency in {@code /metrics}.
 */
public final class ReferentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferentServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.referent.server.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param host           interface to bind (127.0.0.1 by default: not reachable from other machines)
     * @param port           TCP port, 0 for any free one
     * @param workers        documents resolved at once
     * @param queue          requests that may wait for a worker before the service answers 503
     * @param maxBodyBytes   request body limit (413 above it)
     * @param maxChars       characters of one document's text (413 above it; the same default as
     *                       {@code batch --max-chars})
     * @param timeout        per-request limit from the request's arrival (504 after it; the work stops)
     * @param readTimeout    the whole body must have arrived within this time (408 and the connection is closed)
     * @param idleTimeout    a connection with no traffic in either direction for this long is closed (stalled
     *                       headers or bodies, idle keep-alive connections)
     * @param maxConnections open connections at most; beyond them new ones wait in the listen backlog
     * @param shutdownGrace  how long in-flight requests may finish after a shutdown starts
     */
    public record Config(String host, int port, int workers, int queue, long maxBodyBytes, long maxChars,
                         Duration timeout, Duration readTimeout, Duration idleTimeout, int maxConnections,
                         Duration shutdownGrace) {

        public Config {
            if (workers < 1 || queue < 0 || maxBodyBytes < 1 || maxChars < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("workers, max body, max chars and max connections must be positive,"
                        + " queue >= 0");
            }
            for (Duration d : List.of(timeout, readTimeout, idleTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive: " + d);
                }
            }
        }

        public static Config defaults() {
            return new Config("127.0.0.1", 8080, Runtime.getRuntime().availableProcessors(), 64, 4L << 20,
                    1_000_000, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30), 1024,
                    Duration.ofSeconds(30));
        }

        public Config withPort(int p) {
            return new Config(host, p, workers, queue, maxBodyBytes, maxChars, timeout, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withHost(String h) {
            return new Config(h, port, workers, queue, maxBodyBytes, maxChars, timeout, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withWorkers(int w) {
            return new Config(host, port, w, queue, maxBodyBytes, maxChars, timeout, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withQueue(int q) {
            return new Config(host, port, workers, q, maxBodyBytes, maxChars, timeout, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withMaxBodyBytes(long b) {
            return new Config(host, port, workers, queue, b, maxChars, timeout, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withMaxChars(long c) {
            return new Config(host, port, workers, queue, maxBodyBytes, c, timeout, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withTimeout(Duration t) {
            return new Config(host, port, workers, queue, maxBodyBytes, maxChars, t, readTimeout, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withReadTimeout(Duration t) {
            return new Config(host, port, workers, queue, maxBodyBytes, maxChars, timeout, t, idleTimeout,
                    maxConnections, shutdownGrace);
        }

        public Config withIdleTimeout(Duration t) {
            return new Config(host, port, workers, queue, maxBodyBytes, maxChars, timeout, readTimeout, t,
                    maxConnections, shutdownGrace);
        }

        public Config withMaxConnections(int n) {
            return new Config(host, port, workers, queue, maxBodyBytes, maxChars, timeout, readTimeout, idleTimeout,
                    n, shutdownGrace);
        }
    }

    private final Config config;
    private final Server jetty;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    /** Deadlines and read timeouts: one thread that only hands answers to Jetty, never does work itself. */
    private final ScheduledExecutorService timers;
    private final AtomicInteger active = new AtomicInteger();
    /** Requests between their arrival and the end of their answer (a graceful shutdown waits for them). */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Requests whose body is still arriving (a shutdown answers them at once instead of waiting for them). */
    private final Set<Exchange> receiving = ConcurrentHashMap.newKeySet();
    private final Metrics metrics;
    private final CompletableFuture<Resolver> resolver;
    /** Runs the one model load; shut down once it is done or the server closes. */
    private final ExecutorService loading;
    private final AtomicBoolean modelReleased = new AtomicBoolean();
    private final byte[] page;
    private volatile boolean closed;

    private ReferentServer(Config config, Supplier<CorefModel> loader) throws IOException {
        this.config = config;
        BlockingQueue<Runnable> waiting = config.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.queue());
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS, waiting,
                daemon("referent-worker"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("referent-timer"));
        try (InputStream in = ReferentServer.class.getResourceAsStream("/referent-server/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the web page resource is missing from the build");
            }
            this.page = in.readAllBytes();
        }

        // Jetty's own threads only parse, route and write, never resolve: a small pool. Its job queue stays Jetty's
        // default (Jetty warns against a bounded one); what bounds it is the connection limit, since a connection
        // has at most a job or two queued at a time
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("referent-http");
        threads.setDaemon(true);
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        // beyond the limit Jetty stops accepting: new connections wait in the kernel's backlog instead of failing
        jetty.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setRequestLog(this::log);
        jetty.setHandler(new Routes());
        jetty.setStopTimeout(1000); // close() has already waited for the requests in flight
        this.metrics = new Metrics(() -> workers.getQueue().size(), active::get,
                () -> connector.getConnectedEndPoints().size());

        this.loading = Executors.newSingleThreadExecutor(daemon("referent-model-loader"));
        this.resolver = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            CorefModel model = loader.get();
            LOG.info("model {} loaded in {} ms", model.name(), (System.nanoTime() - t0) / 1_000_000);
            return new Resolver(model, RewriteOptions.defaults());
        }, loading);
        resolver.whenComplete((r, e) -> {
            loading.shutdown(); // its one job is done: the thread ends instead of idling for the server's life
            if (e != null) {
                LOG.error("loading the model failed: {}", e.getMessage());
            } else if (closed) {
                // close() ran while the model loaded and found nothing to release: nobody else will close it
                releaseModel(r);
            }
        });
        try {
            jetty.start();
        } catch (Exception e) {
            closed = true; // the model, when it arrives, is released at once
            stopQuietly();
            loading.shutdownNow();
            releaseModel(resolver.getNow(null));
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException b) {
                    throw b; // the CLI turns this one into a usage error
                }
            }
            throw e instanceof IOException io ? io : new IOException("the HTTP server did not start: " + e, e);
        }
    }

    /** Starts listening at once; the model loads in the background ({@code /healthz} says when it is ready). */
    public static ReferentServer start(Config config, Supplier<CorefModel> loader) throws IOException {
        return new ReferentServer(config, loader);
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Whether the model is loaded and requests are served. */
    public boolean ready() {
        return resolver.isDone() && !resolver.isCompletedExceptionally() && !closed;
    }

    /** Workers resolving a request now (the tests check that a request past its deadline frees its worker). */
    int activeWorkers() {
        return active.get();
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
        // a client still sending its body (or stalled) gets its 503 now: no work of its has started
        for (Exchange ex : receiving) {
            ex.error(new HttpError(503, "not_ready", "the service is shutting down"));
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopQuietly();
        loading.shutdownNow(); // a load in progress is interrupted; one that still finishes is released when it does
        releaseModel(resolver.getNow(null));
    }

    /**
     * Closes the loaded model once: both {@link #close} and the end of a load that outlasted it may get here (each
     * writes its own side, {@code closed} or the future, before reading the other's, so at least one sees both).
     */
    private void releaseModel(Resolver r) {
        if (r != null && modelReleased.compareAndSet(false, true)) {
            r.model().close();
        }
    }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server: {}", e.toString());
        }
        workers.shutdownNow(); // whatever is left past the grace period stops at the model's next check
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }

    /** One request and its single answer: the worker, the deadline timer and the body reader may race to answer. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final long start = System.nanoTime();
        final AtomicBoolean answered = new AtomicBoolean();
        /** True while the body is being read: only then is Jetty's idle timeout fatal to the request. */
        volatile boolean reading;
        /** The whole body has been read (its last chunk came). */
        volatile boolean bodyRead;
        /** The connection failed (the client left, or Jetty gave up on it): the work is not wanted any more. */
        volatile boolean failed;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        boolean answer(int status, String contentType, byte[] body, Map<String, String> headers) {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            try {
                response.setStatus(status);
                HttpFields.Mutable h = response.getHeaders();
                h.put(HttpHeader.CONTENT_TYPE, contentType);
                h.put(HttpHeader.CACHE_CONTROL, "no-store");
                headers.forEach(h::put);
                h.put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
            } catch (RuntimeException e) { // the response was already committed or the connection is gone
                callback.failed(e);
            }
            return true;
        }

        boolean error(HttpError e) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (e.status == 503) {
                headers.put("Retry-After", "1");
            }
            if (reading || !bodyRead && hasBody()) {
                // what is left of the body is not read (also when refused before reading, as a 415): a client must
                // not send its next request on this connection, which the server closes after the answer
                headers.put("Connection", "close");
            }
            return answer(e.status, "application/json", errorBody(e.error, e.getMessage()), headers);
        }

        private boolean hasBody() {
            return request.getLength() > 0
                    || request.getLength() < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        }

        /** Ends a request whose connection has failed, without an answer. */
        void abandon() {
            if (answered.compareAndSet(false, true)) {
                callback.failed(new CancellationException("the connection failed before the answer"));
            }
        }

        boolean deadlinePassed() {
            return System.nanoTime() - start - config.timeout().toNanos() > 0;
        }
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            inFlight.incrementAndGet();
            Callback tracked = new Callback() {
                private final AtomicBoolean done = new AtomicBoolean();

                @Override
                public void succeeded() {
                    if (done.compareAndSet(false, true)) {
                        inFlight.decrementAndGet();
                    }
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    if (done.compareAndSet(false, true)) {
                        inFlight.decrementAndGet();
                    }
                    callback.failed(x);
                }
            };
            Exchange ex = new Exchange(request, response, tracked);
            request.addFailureListener(t -> ex.failed = true);
            // an idle connection while a worker resolves is not the client's fault: the deadline governs that
            request.addIdleTimeoutListener(t -> ex.reading);
            try {
                route(ex);
            } catch (HttpError e) {
                ex.error(e);
            } catch (RuntimeException e) {
                LOG.error("request {} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
                ex.error(new HttpError(500, "internal_error", "the request could not be processed"));
            }
            return true;
        }
    }

    private static String endpoint(String path) {
        if (path == null) {
            return "other";
        }
        return switch (path) {
            case "/", "/index.html" -> "/";
            case "/healthz", "/metrics", "/v1/resolve", "/v1/resolve/batch" -> path;
            default -> "other";
        };
    }

    private void route(Exchange ex) {
        Request request = ex.request;
        String path = request.getHttpURI().getPath();
        switch (endpoint(path)) {
            case "/" -> {
                requireMethod(ex, "GET", "HEAD");
                ex.answer(200, "text/html; charset=utf-8", page, Map.of());
            }
            case "/healthz" -> {
                requireMethod(ex, "GET", "HEAD");
                ObjectNode o = JSON.createObjectNode();
                if (ready()) {
                    o.put("status", "ready");
                    o.put("model", resolver.join().model().name());
                    ex.answer(200, "application/json", o.toString().getBytes(StandardCharsets.UTF_8), Map.of());
                } else {
                    o.put("status", resolver.isCompletedExceptionally() ? "failed" : closed ? "stopping" : "loading");
                    ex.answer(503, "application/json", o.toString().getBytes(StandardCharsets.UTF_8),
                            Map.of("Retry-After", "1"));
                }
            }
            case "/metrics" -> {
                requireMethod(ex, "GET", "HEAD");
                ex.answer(200, metrics.contentType(), metrics.render(), Map.of());
            }
            case "/v1/resolve" -> {
                requireMethod(ex, "POST");
                String mime = mediaType(ex, false);
                requireReady();
                readBody(ex, body -> resolveOne(ex, mime, body));
            }
            case "/v1/resolve/batch" -> {
                requireMethod(ex, "POST");
                mediaType(ex, true);
                requireReady();
                readBody(ex, body -> resolveBatch(ex, body));
            }
            default -> throw new HttpError(404, "not_found", "no endpoint " + truncate(path, 200)
                    + " (try POST /v1/resolve)");
        }
    }

    private static void requireMethod(Exchange ex, String... methods) {
        for (String m : methods) {
            if (ex.request.getMethod().equals(m)) {
                return;
            }
        }
        ex.response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", methods));
        throw new HttpError(405, "method_not_allowed", ex.request.getHttpURI().getPath() + " takes "
                + String.join(" or ", methods));
    }

    private void requireReady() {
        if (!ready()) {
            throw new HttpError(503, "not_ready", resolver.isCompletedExceptionally() ? "the model failed to load"
                    : closed ? "the service is shutting down" : "the model is still loading");
        }
    }

    /**
     * The body's media type, {@code application/json} or {@code text/plain} (batch: JSON only), in UTF-8; anything
     * else is 415 before the body is read. No Content-Type at all is read as JSON.
     */
    private static String mediaType(Exchange ex, boolean batch) {
        String header = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String accepted = batch ? "application/json" : "application/json or text/plain";
        if (header == null) {
            return "application/json";
        }
        String[] parts = header.split(";");
        String mime = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.equals("text/plain") && !batch)) {
            throw new HttpError(415, "unsupported_media_type", "Content-Type '" + truncate(header, 100)
                    + "' is not accepted; send " + accepted);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring(8).replace("\"", "").strip();
                if (!cs.equals("utf-8") && !cs.equals("utf8")) {
                    throw new HttpError(415, "unsupported_media_type", "charset '" + truncate(cs, 40)
                            + "' is not accepted; send UTF-8");
                }
            }
        }
        return mime;
    }

    /**
     * Reads the body without holding a thread while waiting for it: a chunk at a time as Jetty hands them over.
     * Over {@code --max-body} the rest is read and dropped up to a bound (the client then gets the 413 rather than a
     * reset while it is still sending); a body that has not all arrived within the read timeout gets 408.
     */
    private void readBody(Exchange ex, Consumer<byte[]> then) {
        long limit = config.maxBodyBytes();
        long drainLimit = Math.max(limit, 64L << 20);
        long declared = ex.request.getLength();
        if (declared > drainLimit) {
            ex.reading = true; // the body is not read: the connection is closed after the answer
            throw tooLarge(declared, false);
        }
        ex.reading = true;
        receiving.add(ex);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), limit) + 16);
        ScheduledFuture<?> timeout = timers.schedule(() -> {
            if (ex.reading) {
                receiving.remove(ex);
                ex.error(new HttpError(408, "request_timeout", "the body did not arrive within "
                        + seconds(config.readTimeout()) + " (--read-timeout)"));
            }
        }, config.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        new Runnable() {
            long total;

            @Override
            public void run() {
                try {
                    while (!ex.answered.get()) {
                        Content.Chunk chunk = ex.request.read();
                        if (chunk == null) {
                            ex.request.demand(this);
                            return;
                        }
                        if (Content.Chunk.isFailure(chunk)) {
                            timeout.cancel(false);
                            Throwable f = chunk.getFailure();
                            ex.error(f instanceof TimeoutException
                                    ? new HttpError(408, "request_timeout", "the body stopped arriving for "
                                    + seconds(config.idleTimeout()) + " (--idle-timeout)")
                                    : HttpError.badRequest("the body could not be read: " + f.getMessage()));
                            receiving.remove(ex);
                            return;
                        }
                        ByteBuffer b = chunk.getByteBuffer();
                        int n = b.remaining();
                        if (total + n <= limit) {
                            byte[] bytes = new byte[n];
                            b.get(bytes);
                            out.write(bytes, 0, n);
                        }
                        total += n;
                        boolean last = chunk.isLast();
                        chunk.release();
                        if (total > drainLimit) {
                            timeout.cancel(false);
                            receiving.remove(ex);
                            ex.error(tooLarge(total, true));
                            return;
                        }
                        if (last) {
                            timeout.cancel(false);
                            ex.bodyRead = true;
                            ex.reading = false;
                            receiving.remove(ex);
                            if (total > limit) {
                                ex.error(tooLarge(total, false));
                            } else {
                                then.accept(out.toByteArray());
                            }
                            return;
                        }
                    }
                } catch (HttpError e) {
                    receiving.remove(ex);
                    ex.error(e);
                } catch (RuntimeException e) {
                    receiving.remove(ex);
                    LOG.error("request {} failed", ex.request.getHttpURI().getPath(), e);
                    ex.error(new HttpError(500, "internal_error", "the request could not be processed"));
                }
            }
        }.run();
    }

    private HttpError tooLarge(long bytes, boolean over) {
        return new HttpError(413, "payload_too_large", "the body has " + (over ? "over " : "") + bytes
                + " bytes; the limit is " + config.maxBodyBytes() + " bytes (--max-body)");
    }

    private void resolveOne(Exchange ex, String mime, byte[] body) {
        String text;
        String id = "request";
        RequestOptions options;
        String query = ex.request.getHttpURI().getQuery();
        if (mime.equals("text/plain")) {
            text = utf8(body);
            options = RequestOptions.fromQuery(query(query));
        } else {
            if (query != null && !query.isEmpty()) {
                throw HttpError.badRequest("query parameters are read only with a text/plain body; with JSON put the"
                        + " options in the body's \"options\" object");
            }
            JsonNode root = parseJson(body);
            checkFields(root, "the body", List.of("text", "id", "options"));
            text = requireText(root.get("text"), "text");
            id = optionalId(root.get("id"), "id", id);
            options = RequestOptions.fromJson(root.get("options"), false);
        }
        checkText(text, "text");
        String docId = id;
        RequestOptions o = options;
        submit(ex, cancel -> {
            Resolver.Resolved r = resolve(docId, text, o.rewrite(), cancel);
            if (o.format().equals("text")) {
                return new Answer("text/plain; charset=utf-8", r.text().getBytes(StandardCharsets.UTF_8));
            }
            String json = new JsonFormat(o.tokens()).write(r.result(), r.model());
            return new Answer("application/json", json.getBytes(StandardCharsets.UTF_8));
        });
    }

    private void resolveBatch(Exchange ex, byte[] body) {
        String query = ex.request.getHttpURI().getQuery();
        if (query != null && !query.isEmpty()) {
            throw HttpError.badRequest("/v1/resolve/batch takes no query parameters; put the options in the body's"
                    + " \"options\" object");
        }
        JsonNode root = parseJson(body);
        checkFields(root, "the body", List.of("documents", "options"));
        JsonNode docs = root.get("documents");
        if (docs == null || !docs.isArray()) {
            throw HttpError.badRequest("the body needs a \"documents\" array of {\"id\", \"text\"}");
        }
        RequestOptions options = RequestOptions.fromJson(root.get("options"), true);
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            String where = "documents[" + i + "]";
            if (!d.isObject()) {
                throw HttpError.badRequest(where + " must be an object {\"id\", \"text\"}, not "
                        + RequestOptions.describe(d));
            }
            checkFields(d, where, List.of("id", "text"));
            String text = requireText(d.get("text"), where + ".text");
            checkText(text, where + ".text");
            items.add(new String[] {optionalId(d.get("id"), where + ".id", String.valueOf(i)), text});
        }
        submit(ex, cancel -> {
            List<String> out = new ArrayList<>();
            for (String[] item : items) {
                Resolver.Resolved r = resolve(item[0], item[1], options.rewrite(), cancel);
                out.add(new JsonFormat(options.tokens()).write(r.result(), r.model()));
            }
            // the documents are already JSON text: joined as they are, not parsed again
            return new Answer("application/json",
                    ("{\"documents\":[" + String.join(",", out) + "]}").getBytes(StandardCharsets.UTF_8));
        });
    }

    private Resolver.Resolved resolve(String id, String text, RewriteOptions options, Cancellation cancel) {
        Resolver.Resolved out = resolver.join().resolve(id, text, options, cancel);
        metrics.resolved(out.document().size());
        return out;
    }

    private record Answer(String contentType, byte[] body) {
    }

    /**
     * Runs work on the worker pool and answers with its result: 503 at once when every worker is busy and the queue
     * full; 504 at the deadline, when the work is also told to stop (it throws {@link CancellationException} at the
     * model's next check, which frees the worker).
     */
    private void submit(Exchange ex, Function<Cancellation, Answer> work) {
        requireReady();
        Cancellation cancel = () -> ex.deadlinePassed() || ex.failed || ex.answered.get();
        long left = ex.start + config.timeout().toNanos() - System.nanoTime();
        ScheduledFuture<?> timer = timers.schedule(() -> deadline(ex), Math.max(0, left), TimeUnit.NANOSECONDS);
        try {
            workers.execute(() -> {
                active.incrementAndGet();
                try {
                    cancel.check(); // past its deadline while it waited in the queue: no work at all
                    Answer a = work.apply(cancel);
                    ex.answer(200, a.contentType(), a.body(), Map.of());
                } catch (CancellationException e) {
                    metrics.cancelled();
                    if (ex.failed && !ex.deadlinePassed()) {
                        ex.abandon(); // the client left: nobody to answer
                    } else {
                        deadline(ex);
                    }
                } catch (HttpError e) {
                    ex.error(e);
                } catch (IllegalArgumentException e) {
                    ex.error(HttpError.badRequest(e.getMessage()));
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    LOG.error("resolving failed", e);
                    ex.error(new HttpError(500, "internal_error", "resolving the document failed ("
                            + e.getClass().getSimpleName() + ")"));
                } finally {
                    timer.cancel(false);
                    active.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            timer.cancel(false);
            metrics.rejected();
            throw new HttpError(503, "overloaded", "all " + config.workers() + " workers are busy and "
                    + config.queue() + " requests are waiting; retry later");
        }
    }

    private void deadline(Exchange ex) {
        ex.error(new HttpError(504, "timeout", "the request took longer than " + seconds(config.timeout())
                + " (--timeout); its work was stopped"));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Empty or whitespace-only text is an input error (as in batch and Spark); longer than --max-chars is 413. */
    private void checkText(String text, String field) {
        if (text.isBlank()) {
            throw HttpError.badRequest("\"" + field + "\" is empty or only whitespace; send the article's text");
        }
        if (text.length() > config.maxChars()) {
            throw new HttpError(413, "payload_too_large", "\"" + field + "\" has " + text.length()
                    + " characters; the limit is " + config.maxChars() + " characters (--max-chars)");
        }
    }

    private static void checkFields(JsonNode object, String where, List<String> accepted) {
        for (String name : (Iterable<String>) object::fieldNames) {
            if (!accepted.contains(name)) {
                throw HttpError.badRequest("unknown field '" + truncate(name, 60) + "' in " + where
                        + "; accepted fields: " + String.join(", ", accepted));
            }
        }
    }

    /** Strict UTF-8: invalid bytes are a 400 naming their byte offset, never decoded to U+FFFD. */
    static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw HttpError.badRequest("the body is not valid UTF-8 (byte offset " + in.position() + ")");
        }
        return out.flip().toString();
    }

    static JsonNode parseJson(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badRequest("the body is empty; send JSON such as {\"text\": \"...\"}");
        }
        try {
            JsonNode root = JSON.readTree(utf8(body));
            if (root == null || !root.isObject()) {
                throw HttpError.badRequest("the body must be a JSON object such as {\"text\": \"...\"}");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw HttpError.badRequest("malformed JSON" + where + ": " + truncate(e.getOriginalMessage(), 200));
        }
    }

    private static String requireText(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw HttpError.badRequest("missing \"" + field + "\" (a string: the article's text)");
        }
        if (!node.isTextual()) {
            throw HttpError.badRequest("\"" + field + "\" must be a string, not " + RequestOptions.describe(node));
        }
        return node.textValue();
    }

    private static String optionalId(JsonNode node, String field, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        throw HttpError.badRequest("\"" + field + "\" must be a string or an integer, not "
                + RequestOptions.describe(node));
    }

    /** Query parameters, decoded as UTF-8; a malformed escape is a 400. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("malformed query parameter '" + truncate(pair, 60) + "': "
                        + e.getMessage());
            }
        }
        return out;
    }

    static byte[] errorBody(String error, String detail) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", error);
        o.put("detail", detail);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /** One SLF4J line and one metrics sample per request, also for those Jetty answers itself (bad request lines). */
    private void log(Request request, Response response) {
        double seconds = (System.nanoTime() - request.getBeginNanoTime()) / 1e9;
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        int status = response.getStatus();
        long bytes = Response.getContentBytesWritten(response);
        ACCESS.info("{} {} {} {} ms {} bytes", request.getMethod(), truncate(path, 200), status,
                Math.round(seconds * 1000), bytes);
        metrics.request(endpoint(path), status, seconds);
    }

    /** Errors Jetty answers itself (malformed requests, headers too large, ambiguous paths) are JSON too. */
    private static final class JsonErrorHandler extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true; // Jetty's default gives PUT, DELETE and others an empty body: every error here is JSON
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            byte[] body = errorBody(code(code), detail(code, message));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        private static String code(int status) {
            return switch (status) {
                case 408 -> "request_timeout";
                case 413 -> "payload_too_large";
                case 500 -> "internal_error";
                case 504 -> "timeout";
                default -> {
                    String m = HttpStatus.getMessage(status);
                    yield m == null ? "error" : m.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
                }
            };
        }

        private static String detail(int status, String message) {
            // a 500's message may be an exception's: not for the client
            if (status >= 500 || message == null || message.isBlank()) {
                String m = HttpStatus.getMessage(status);
                return m == null ? "error " + status : m;
            }
            return truncate(message, 200);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
