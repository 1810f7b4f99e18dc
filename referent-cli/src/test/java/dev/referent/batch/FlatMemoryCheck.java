package dev.referent.batch;

import dev.referent.Resolver;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark for docs/BENCHMARKS.md: streams a generated CSV of the given size (default 1 GB, never stored) through
 * the batch runner with 2 workers and prints the rows, the time and the peak heap. Run it with a small heap
 * ({@code -Xmx256m}): finishing shows that memory does not grow with the input. The processor returns one fixed
 * result, so the check measures the reader, queues and writer rather than the model.
 *
 * <pre>java -Xmx256m -cp ... dev.referent.batch.FlatMemoryCheck [GIGABYTES]</pre>
 */
public final class FlatMemoryCheck {

    private FlatMemoryCheck() {
    }

    /** CSV rows "id,text" of about 2 KB each, up to {@code total} bytes. */
    static InputStream generated(long total) {
        byte[] header = "id,author,text\r\n".getBytes(StandardCharsets.UTF_8);
        String body = ("The minister said \"\"it will pass\"\", and her aides agreed. ").repeat(35);
        return new InputStream() {
            private byte[] row = header;
            private int pos;
            private long produced;
            private long next;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == row.length) {
                    if (produced >= total) {
                        return -1;
                    }
                    row = ("r" + next++ + ",A,\"" + body + "\"\r\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                int n = Math.min(len, row.length - pos);
                System.arraycopy(row, pos, b, off, n);
                pos += n;
                produced += n;
                return n;
            }
        };
    }

    public static void main(String[] args) throws Exception {
        double gigabytes = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        long total = (long) (gigabytes * 1e9);
        Resolver.Resolved fixed = BatchRunnerTest.identity("x", "A fixed result.");
        Path out = Files.createTempFile("flat-memory", ".jsonl");
        long t0 = System.nanoTime();
        BatchRunner.Summary s;
        Inputs.Opened input = new Inputs.Opened(generated(total), new Inputs.Counter(InputStream.nullInputStream()), total);
        try (CsvSource source = new CsvSource(input, Fields.DEFAULT, 1 << 20);
             Sink sink = new JsonlSink(out, new Fields("id", "text", "author", "title", java.util.List.of("id")), false, false);
             ErrorLog errors = new ErrorLog(ErrorLog.besides(out), false)) {
            s = new BatchRunner(new BatchRunner.Options(2, true, false, false, 1_000_000)).run(source, sink, errors,
                    (id, text) -> fixed, new Progress(new PrintStream(OutputStream.nullOutputStream()), false, source));
        }
        System.out.printf(Locale.ROOT, "%.2f GB of CSV: %,d rows written, %,d errors in %.1f s within a %d MB heap%n",
                gigabytes, s.documents(), s.errors(), (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
        Files.deleteIfExists(out);
        Files.deleteIfExists(ErrorLog.besides(out));
    }
}
