package dev.referent.cli;

import dev.referent.model.ModelLocator;
import dev.referent.server.ReferentServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code referent serve}: the HTTP service and web page, until SIGTERM or Ctrl-C (in-flight requests finish). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve POST /v1/resolve, POST /v1/resolve/batch, GET /healthz, GET /metrics and the web page at /.",
                "Stops on SIGTERM or Ctrl-C after the requests in flight have finished."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ModelMixin models;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "TCP port (default 8080; 0: any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "interface to bind (default 127.0.0.1; 0.0.0.0 serves other machines too)")
    String host;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "N",
            description = "documents resolved at once (default: number of cores)")
    int workers;

    @Option(names = "--queue", defaultValue = "64", paramLabel = "N",
            description = "requests that may wait for a worker; beyond them the service answers 503 (default 64)")
    int queue;

    @Option(names = "--max-body", defaultValue = "4194304", paramLabel = "BYTES",
            description = "request body limit; larger bodies get 413 (default 4 MiB)")
    long maxBody;

    @Option(names = "--max-chars", defaultValue = "1000000", paramLabel = "N",
            description = "characters of one document's text; longer texts get 413 (default 1000000, as batch)")
    long maxChars;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "per-request limit: 504 after it, and the request's work stops (default 60 s)")
    int timeout;

    @Option(names = "--read-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "the whole request body must arrive within this time, else 408 (default 30 s)")
    int readTimeout;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "a connection silent this long is closed (default 30 s)")
    int idleTimeout;

    @Option(names = "--max-connections", defaultValue = "1024", paramLabel = "N",
            description = "open connections at most; more wait to be accepted (default 1024)")
    int maxConnections;

    @Option(names = "--no-access-log", description = "do not write one line per request to stderr")
    boolean noAccessLog;

    @Override
    public Integer call() throws Exception {
        // the command line logs warnings only; the access log (logger dev.referent.server.access, INFO) is wanted
        // by whoever runs a service. Set before the server's classes create their loggers.
        System.setProperty("org.slf4j.simpleLogger.log.dev.referent.server.access", noAccessLog ? "warn" : "info");
        int cores = Runtime.getRuntime().availableProcessors();
        int n = workers > 0 ? workers : cores;
        if (queue < 0 || maxBody < 1 || maxChars < 1 || timeout < 1 || readTimeout < 1 || idleTimeout < 1
                || maxConnections < 1 || workers < 0) {
            throw new Main.UsageException("--queue and --workers must be >= 0; --max-body, --max-chars, --timeout,"
                    + " --read-timeout, --idle-timeout and --max-connections positive");
        }
        ReferentServer.Config config = ReferentServer.Config.defaults().withHost(host).withPort(port).withWorkers(n)
                .withQueue(queue).withMaxBodyBytes(maxBody).withMaxChars(maxChars)
                .withTimeout(Duration.ofSeconds(timeout)).withReadTimeout(Duration.ofSeconds(readTimeout))
                .withIdleTimeout(Duration.ofSeconds(idleTimeout)).withMaxConnections(maxConnections);
        // core's locator, checked before listening: a missing model is a usage error now, not a failed load later
        ModelLocator locator = models.locator(Math.max(1, cores / n));
        ReferentServer server;
        try {
            server = ReferentServer.start(config, locator::load);
        } catch (java.net.BindException e) {
            throw new Main.UsageException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("referent serve: stopping (letting requests in flight finish)");
            server.close();
            stopped.countDown();
        }, "referent-shutdown"));
        System.err.printf("referent serve: listening on http://%s:%d/ (model loading; GET /healthz says when ready)%n",
                host, server.port());
        stopped.await();
        return 0;
    }
}
