package dev.referent.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load and fault test for docs/BENCHMARKS.md (run by {@code bench/server-load.sh --stall}): against a service on
 * 127.0.0.1 only, it opens S stalled connections (headers and the first bytes of a body that never comes), then runs C
 * clients posting articles to /v1/resolve in a closed loop for T seconds (a 503 is retried after its Retry-After)
 * while a prober asks /healthz every 200 ms with a 1 s limit; then it waits for the server to drop the stalled
 * connections and checks that the service has recovered by itself. Every socket and thread it starts ends on its
 * own: the load stops after T seconds and the wait for the stalled connections after {@code MAX_WAIT} seconds.
 * It prints the figures and exits 1 when a criterion fails: /healthz always within 1 s, 0 connection errors, every
 * 503 with Retry-After, all stalled connections dropped by the server, and afterwards a request served and the
 * connections back to a few.
 *
 * <pre>java -cp ... dev.referent.server.StallLoadGenerator PORT SECONDS CLIENTS STALLED MAX_WAIT FILE...</pre>
 */
public final class StallLoadGenerator {

    private StallLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        // before any HttpClient exists (the JDK reads it once): the client's idle keep-alive connections go after
        // 2 s (default: 20 minutes), so that what is still open at the end is the server's doing
        System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int stalledCount = Integer.parseInt(args[3]);
        int maxWait = Integer.parseInt(args[4]);
        List<String> bodies = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            bodies.add(ReferentServerTest.request(Files.readString(Path.of(args[i]))));
        }
        URI base = URI.create("http://127.0.0.1:" + port); // loopback only, whatever the arguments
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        send(http, base, bodies.get(0)); // warm-up

        // 1. the stalled connections
        AtomicInteger connectErrors = new AtomicInteger();
        List<Socket> stalled = new ArrayList<>();
        long stallStart = System.nanoTime();
        for (int i = 0; i < stalledCount; i++) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.getOutputStream().write(("POST /v1/resolve HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"text\": \"The minis")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            } catch (IOException e) {
                connectErrors.incrementAndGet();
            }
        }
        AtomicInteger openDuringLoad = new AtomicInteger();

        // 2. the /healthz prober and 3. the clients, for SECONDS
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger healthFailures = new AtomicInteger();
        Thread prober = new Thread(() -> {
            while (!stop.get()) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/healthz"))
                            .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    long ns = System.nanoTime() - t0;
                    health.add(ns);
                    if (r.statusCode() != 200 || ns > 1_000_000_000L) {
                        healthFailures.incrementAndGet();
                    }
                } catch (Exception e) {
                    healthFailures.incrementAndGet();
                }
                if (health.size() % 5 == 0) { // about once a second: the connections the server holds
                    try {
                        openDuringLoad.accumulateAndGet(gauge(http, base, "referent_open_connections"), Math::max);
                    } catch (Exception e) {
                        healthFailures.incrementAndGet();
                    }
                }
                sleep(200);
            }
        }, "healthz-prober");
        prober.start();

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger overloaded = new AtomicInteger();
        AtomicInteger overloadedWithoutRetryAfter = new AtomicInteger();
        AtomicInteger otherStatus = new AtomicInteger();
        AtomicInteger connectionErrors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int first = c;
            pool.execute(() -> {
                int k = first;
                while (!stop.get()) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<Void> r = send(http, base, bodies.get(k++ % bodies.size()));
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            latencies.add(System.nanoTime() - s);
                        } else if (r.statusCode() == 503) {
                            overloaded.incrementAndGet();
                            String after = r.headers().firstValue("Retry-After").orElse(null);
                            if (after == null) {
                                overloadedWithoutRetryAfter.incrementAndGet();
                            }
                            sleep(1000L * (after == null ? 1 : Math.min(5, Integer.parseInt(after.strip()))));
                        } else {
                            otherStatus.incrementAndGet();
                        }
                    } catch (Exception e) {
                        connectionErrors.incrementAndGet();
                        sleep(100);
                    }
                }
            });
        }
        sleep(seconds * 1000L);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(150, TimeUnit.SECONDS);
        prober.join();
        double wall = (System.nanoTime() - t0) / 1e9;

        // 4. the server drops the stalled connections by itself (read timeout): when, for each
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, stalled.size())); // one each: exact times
        AtomicLong lastDropped = new AtomicLong();
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger answered408 = new AtomicInteger();
        List<Future<?>> waits = new ArrayList<>();
        long waitUntil = System.nanoTime() + maxWait * 1_000_000_000L;
        for (Socket s : stalled) {
            waits.add(readers.submit(() -> {
                try (s; InputStream in = s.getInputStream()) {
                    byte[] buffer = new byte[1024];
                    StringBuilder got = new StringBuilder();
                    int n;
                    while (true) {
                        long left = (waitUntil - System.nanoTime()) / 1_000_000;
                        if (left <= 0) {
                            return null;
                        }
                        s.setSoTimeout((int) left);
                        n = in.read(buffer);
                        if (n < 0) {
                            break;
                        }
                        got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    if (got.toString().startsWith("HTTP/1.1 408")) {
                        answered408.incrementAndGet();
                    }
                    dropped.incrementAndGet();
                    lastDropped.accumulateAndGet(System.nanoTime() - stallStart, Math::max);
                } catch (SocketTimeoutException e) {
                    return null; // still open when the wait ended
                } catch (IOException e) {
                    dropped.incrementAndGet(); // reset by the server: dropped too
                    lastDropped.accumulateAndGet(System.nanoTime() - stallStart, Math::max);
                }
                return null;
            }));
        }
        for (Future<?> f : waits) {
            f.get();
        }
        readers.shutdown();

        // 5. recovered by itself: connections back to a few, and a request served
        sleep(3000); // the client's own idle connections close after 2 s
        int openAfter = gauge(http, base, "referent_open_connections");
        long r0 = System.nanoTime();
        int after = send(http, base, bodies.get(0)).statusCode();
        double afterMs = (System.nanoTime() - r0) / 1e6;

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Long> healthSorted = new ArrayList<>(health);
        Collections.sort(healthSorted);
        System.out.printf(Locale.ROOT, "clients %d + %d stalled connections, %.0f s: %d served (%.2f/s; p50 %.0f ms, "
                        + "p99 %.0f ms), %d answered 503 (%d without Retry-After), %d other statuses, %d connection "
                        + "errors (%d when opening the stalled ones)%n",
                clients, stalledCount, wall, sorted.size(), sorted.size() / wall, pct(sorted, 0.5), pct(sorted, 0.99),
                overloaded.get(), overloadedWithoutRetryAfter.get(), otherStatus.get(), connectionErrors.get(),
                connectErrors.get());
        System.out.printf(Locale.ROOT, "/healthz: %d probes, p50 %.1f ms, max %.1f ms, %d over 1 s or failed%n",
                healthSorted.size(), pct(healthSorted, 0.5), pct(healthSorted, 1.0), healthFailures.get());
        System.out.printf(Locale.ROOT, "stalled: %d of %d dropped by the server (%d with 408), the last %.1f s after "
                        + "they were opened; open connections during the load at most %d, afterwards %d; then a request: %d in "
                        + "%.0f ms%n",
                dropped.get(), stalled.size(), answered408.get(), lastDropped.get() / 1e9, openDuringLoad.get(), openAfter,
                after, afterMs);
        List<String> failed = new ArrayList<>();
        if (healthFailures.get() > 0 || healthSorted.isEmpty()) {
            failed.add("/healthz not always within 1 s");
        }
        if (connectionErrors.get() + connectErrors.get() > 0) {
            failed.add("connection errors");
        }
        if (overloadedWithoutRetryAfter.get() > 0) {
            failed.add("503 without Retry-After");
        }
        if (dropped.get() < stalled.size()) {
            failed.add("stalled connections still open after " + maxWait + " s");
        }
        if (after != 200 || openAfter > 5) {
            failed.add("not recovered (status " + after + ", " + openAfter + " connections)");
        }
        System.out.println(failed.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", failed));
        System.exit(failed.isEmpty() ? 0 : 1); // a command-line tool, not library code
    }

    private static HttpResponse<Void> send(HttpClient http, URI base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/resolve")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static int gauge(HttpClient http, URI base, String name) throws Exception {
        String text = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1))) / 1e6;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
