package dev.referent.bench;

import dev.referent.doc.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A coreference system under test: documents with tokens and sentences in, the same documents with clusters out. */
abstract class CorefSystem implements AutoCloseable {

    private final ExecutorService pool;

    /** @param threads documents processed at a time (each system gets the same number) */
    CorefSystem(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
    }

    abstract String name();

    /** One document's clusters, singletons dropped; must be safe to call from several threads. */
    abstract Document predict(Document doc);

    /** All documents, {@code threads} at a time, results in input order. */
    final List<Document> predictAll(List<Document> docs) {
        List<Future<Document>> futures = new ArrayList<>(docs.size());
        for (Document d : docs) {
            futures.add(pool.submit(() -> predict(d)));
        }
        List<Document> out = new ArrayList<>(docs.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(name() + " failed on document " + docs.get(i).id() + ": "
                        + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
