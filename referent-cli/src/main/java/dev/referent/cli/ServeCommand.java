package dev.referent.cli;

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

    @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES",
            description = "request body limit; larger bodies get 413 (default 1 MiB)")
    long maxBody;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "per-request limit (default 60 s)")
    int timeout;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = workers > 0 ? workers : cores;
        if (queue < 0 || maxBody < 1 || timeout < 1) {
            throw new Main.UsageException("--queue must be >= 0, --max-body and --timeout positive");
        }
        ReferentServer.Config config = ReferentServer.Config.defaults().withHost(host).withPort(port).withWorkers(n)
                .withQueue(queue).withMaxBodyBytes(maxBody).withTimeout(Duration.ofSeconds(timeout));
        ReferentServer server;
        try {
            server = ReferentServer.start(config, () -> models.load(Math.max(1, cores / n)));
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
