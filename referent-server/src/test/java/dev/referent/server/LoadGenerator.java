package dev.referent.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark client for docs/BENCHMARKS.md: C clients post the given articles to /v1/resolve in a closed loop for S
 * seconds (after a warm-up) and it prints requests/s and latency percentiles.
 *
 * <pre>java -cp ... dev.referent.server.LoadGenerator URL SECONDS CLIENTS FILE...</pre>
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        List<String> bodies = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            bodies.add(ReferentServerTest.request(Files.readString(Path.of(args[i]))));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String b : bodies) { // warm-up
            send(http, url, b);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        int[] failures = new int[1];
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int start = c;
            Thread t = new Thread(() -> {
                int k = start;
                while (!stop.get()) {
                    long s = System.nanoTime();
                    try {
                        int status = send(http, url, bodies.get(k++ % bodies.size()));
                        if (status == 200) {
                            latencies.add(System.nanoTime() - s);
                        } else {
                            synchronized (failures) {
                                failures[0]++;
                            }
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures[0]++;
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "clients %d: %d requests in %.1f s = %.2f requests/s; p50 %.0f ms, p99 %.0f ms; %d failed%n",
                clients, sorted.size(), wall, sorted.size() / wall, pct(sorted, 0.50), pct(sorted, 0.99), failures[0]);
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static int send(HttpClient http, URI url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
