package dev.referent.batch;

import dev.referent.Resolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams rows from a {@link RecordSource} through worker threads that share one resolver into a {@link Sink}.
 * Memory stays flat: at most {@code 4 x threads} rows are in flight. One writer thread writes results in input
 * order (or as they finish with {@code ordered = false}) and bad rows to the {@link ErrorLog}; a bad row never
 * stops the run unless {@code failFast}.
 */
public final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    /** Resolves one article; {@link Resolver#resolve} in production. */
    @FunctionalInterface
    public interface Processor {
        Resolver.Resolved resolve(String id, String text);
    }

    public record Options(int threads, boolean ordered, boolean resume, boolean failFast, long maxChars) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
        }
    }

    /** What a run did: documents written, rows failed, rows skipped because a resumed run had them, words, time. */
    public record Summary(long documents, long errors, long skipped, long words, long millis) {

        public double wordsPerSecond() {
            return millis == 0 ? 0 : words * 1000.0 / millis;
        }
    }

    /** A finished row: its place in the input, the row, and the result or the reason it failed. */
    private record Done(long seq, InputRecord record, Resolver.Resolved resolved) {
    }

    private static final Done END = new Done(-1, null, null);

    private final Options options;

    public BatchRunner(Options options) {
        this.options = options;
    }

    public Summary run(RecordSource source, Sink sink, ErrorLog errors, Processor processor, Progress progress)
            throws IOException {
        long t0 = System.nanoTime();
        int window = 4 * options.threads();
        Semaphore inFlight = new Semaphore(window);
        BlockingQueue<Done> finished = new ArrayBlockingQueue<>(window + 1);
        AtomicBoolean stop = new AtomicBoolean();
        Writer writer = new Writer(sink, errors, finished, inFlight, stop, progress);
        Thread writerThread = new Thread(writer, "referent-batch-writer");
        writerThread.start();
        ExecutorService workers = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "referent-batch-worker");
            t.setDaemon(true);
            return t;
        });
        Set<String> done = sink.done();
        long skipped = 0;
        long seq = 0;
        try {
            InputRecord record;
            while (!stop.get() && writer.failure == null && (record = source.next()) != null) {
                if (record.isBad()) {
                    if (options.resume() && errors.reported(record.row())) {
                        skipped++;
                        continue;
                    }
                } else if (done.contains(record.id())) {
                    // written by the run being resumed (a later row with the same id comes back from the source as
                    // a duplicate, so this is the row that was written)
                    skipped++;
                    continue;
                } else if (record.text().length() > options.maxChars()) {
                    record = record.withError("text has " + record.text().length() + " characters, over --max-chars "
                            + options.maxChars());
                }
                acquire(inFlight);
                long s = seq++;
                InputRecord r = record;
                if (r.isBad()) {
                    put(finished, new Done(s, r, null));
                } else {
                    workers.execute(() -> put(finished, process(s, r, processor)));
                }
            }
        } finally {
            workers.shutdown();
            acquire(inFlight, window); // every row in flight has been written (or dropped after a fail-fast stop)
            put(finished, END);
            join(writerThread);
            progress.finish();
        }
        if (writer.failure != null) {
            throw writer.failure;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Summary(writer.documents, writer.errors, skipped, writer.words, millis);
    }

    private static Done process(long seq, InputRecord r, Processor processor) {
        try {
            return new Done(seq, r, processor.resolve(r.id(), r.text()));
        } catch (RuntimeException e) {
            LOG.debug("row {} failed", r.row(), e);
            return new Done(seq, r.withError("processing failed: " + (e.getMessage() == null ? e : e.getMessage())), null);
        }
    }

    /** Writes finished rows in order; runs on its own thread so that workers never wait on the disk. */
    private final class Writer implements Runnable {
        private final Sink sink;
        private final ErrorLog errorLog;
        private final BlockingQueue<Done> finished;
        private final Semaphore inFlight;
        private final AtomicBoolean stop;
        private final Progress progress;
        private final TreeMap<Long, Done> pending = new TreeMap<>();
        private long next;
        volatile long documents;
        volatile long errors;
        volatile long words;
        volatile IOException failure;

        Writer(Sink sink, ErrorLog errorLog, BlockingQueue<Done> finished, Semaphore inFlight, AtomicBoolean stop,
               Progress progress) {
            this.sink = sink;
            this.errorLog = errorLog;
            this.finished = finished;
            this.inFlight = inFlight;
            this.stop = stop;
            this.progress = progress;
        }

        @Override
        public void run() {
            while (true) {
                Done d = take(finished);
                if (d == END) {
                    return;
                }
                if (!options.ordered()) {
                    emit(d);
                    continue;
                }
                pending.put(d.seq(), d);
                while (!pending.isEmpty() && pending.firstKey() == next) {
                    emit(pending.pollFirstEntry().getValue());
                    next++;
                }
            }
        }

        private void emit(Done d) {
            try {
                if (stop.get() || failure != null) {
                    return; // after a fail-fast stop or a write failure nothing more is written
                }
                InputRecord r = d.record();
                if (!r.isBad()) {
                    try {
                        sink.write(r, d.resolved());
                        documents++;
                        words += d.resolved().document().size();
                    } catch (Sink.BadRowException e) {
                        r = r.withError(e.getMessage());
                    }
                }
                if (r.isBad()) {
                    errorLog.write(r);
                    errors++;
                    if (options.failFast()) {
                        stop.set(true);
                    }
                }
                progress.update(documents, errors);
            } catch (IOException e) {
                failure = e;
                stop.set(true);
            } catch (RuntimeException e) {
                failure = new IOException("writing row " + d.record().row() + " failed: " + e.getMessage(), e);
                stop.set(true);
            } finally {
                inFlight.release();
            }
        }
    }

    private static void acquire(Semaphore s) {
        acquire(s, 1);
    }

    private static void acquire(Semaphore s, int permits) {
        try {
            s.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchException("interrupted", e);
        }
    }

    private static void put(BlockingQueue<Done> q, Done d) {
        try {
            q.put(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchException("interrupted", e);
        }
    }

    private static Done take(BlockingQueue<Done> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("batch writer interrupted"));
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
