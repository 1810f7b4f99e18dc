package dev.referent.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Prometheus text exposition of the service's counters: requests, latency histogram, documents, words, queue. */
final class Metrics {

    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder[] latency = new LongAdder[BUCKETS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder latencySum = new java.util.concurrent.atomic.DoubleAdder();
    final LongAdder documents = new LongAdder();
    final LongAdder words = new LongAdder();
    private final IntSupplier queueDepth;
    private final IntSupplier active;

    Metrics(IntSupplier queueDepth, IntSupplier active) {
        this.queueDepth = queueDepth;
        this.active = active;
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LongAdder();
        }
    }

    void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder()).increment();
        int b = 0;
        while (b < BUCKETS.length && seconds > BUCKETS[b]) {
            b++;
        }
        latency[b].increment();
        latencyCount.increment();
        latencySum.add(seconds);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP referent_requests_total HTTP requests by endpoint and status.\n");
        sb.append("# TYPE referent_requests_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(requests).entrySet()) {
            String[] k = e.getKey().split("\u0000");
            sb.append("referent_requests_total{endpoint=\"").append(k[0]).append("\",status=\"").append(k[1])
                    .append("\"} ").append(e.getValue().sum()).append('\n');
        }
        sb.append("# HELP referent_request_duration_seconds Request latency.\n");
        sb.append("# TYPE referent_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int b = 0; b < latency.length; b++) {
            cumulative += latency[b].sum();
            String le = b < BUCKETS.length ? trim(BUCKETS[b]) : "+Inf";
            sb.append("referent_request_duration_seconds_bucket{le=\"").append(le).append("\"} ").append(cumulative)
                    .append('\n');
        }
        sb.append("referent_request_duration_seconds_sum ").append(String.format(Locale.ROOT, "%.6f", latencySum.sum()))
                .append('\n');
        sb.append("referent_request_duration_seconds_count ").append(latencyCount.sum()).append('\n');
        counter(sb, "referent_documents_total", "Documents resolved.", documents.sum());
        counter(sb, "referent_words_total", "Words (tokens) of the documents resolved.", words.sum());
        gauge(sb, "referent_queue_depth", "Requests waiting for a worker.", queueDepth.getAsInt());
        gauge(sb, "referent_active_workers", "Workers resolving a request now.", active.getAsInt());
        return sb.toString();
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
