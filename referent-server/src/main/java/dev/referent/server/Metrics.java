package dev.referent.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/**
 * The service's metrics through the Prometheus Java client, in a registry of its own (several servers in one JVM,
 * as in the tests, do not share counters), written in the Prometheus text format for {@code GET /metrics}.
 */
final class Metrics {

    /** From 5 ms (health, errors) to 2 minutes (long documents); the request limit is 60 s by default. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Counter documents;
    private final Counter words;
    private final Counter rejected;
    private final Counter cancelled;

    /**
     * @param queueDepth  requests waiting for a worker
     * @param active      workers resolving now
     * @param connections open client connections
     */
    Metrics(IntSupplier queueDepth, IntSupplier active, IntSupplier connections) {
        requests = Counter.builder().name("referent_requests_total").help("HTTP requests by endpoint and status.")
                .labelNames("endpoint", "status").register(registry);
        latency = Histogram.builder().name("referent_request_duration_seconds")
                .help("Request latency from the request line to the last byte of the answer, by endpoint and status.")
                .labelNames("endpoint", "status").classicOnly().classicUpperBounds(BUCKETS).register(registry);
        documents = Counter.builder().name("referent_documents_total").help("Documents resolved.").register(registry);
        words = Counter.builder().name("referent_words_total").help("Words (tokens) of the documents resolved.")
                .register(registry);
        rejected = Counter.builder().name("referent_rejected_total")
                .help("Requests answered 503 because every worker was busy and the queue full.").register(registry);
        cancelled = Counter.builder().name("referent_cancelled_total")
                .help("Requests whose work was stopped at their deadline (answered 504) or when their client left.")
                .register(registry);
        GaugeWithCallback.builder().name("referent_queue_depth").help("Requests waiting for a worker.")
                .callback(c -> c.call(queueDepth.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("referent_active_workers").help("Workers resolving a request now.")
                .callback(c -> c.call(active.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("referent_open_connections").help("Open client connections.")
                .callback(c -> c.call(connections.getAsInt())).register(registry);
    }

    /** One finished request; {@code endpoint} is one of a fixed set of labels (unknown paths are "other"). */
    void request(String endpoint, int status, double seconds) {
        String s = Integer.toString(status);
        requests.labelValues(endpoint, s).inc();
        latency.labelValues(endpoint, s).observe(seconds);
    }

    void resolved(int wordCount) {
        documents.inc();
        words.inc(wordCount);
    }

    void rejected() {
        rejected.inc();
    }

    void cancelled() {
        cancelled.inc();
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
