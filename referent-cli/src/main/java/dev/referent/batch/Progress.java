package dev.referent.batch;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal: documents, documents per second, and the share done with an ETA when the
 * input size is known. Redrawn at most five times a second; silent when disabled.
 */
public final class Progress {

    private final PrintStream err;
    private final boolean enabled;
    private final RecordSource source;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    public Progress(PrintStream err, boolean enabled, RecordSource source) {
        this.err = err;
        this.enabled = enabled;
        this.source = source;
    }

    void update(long documents, long errors) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "\r%,d docs  %,d errors  %.1f docs/s",
                documents, errors, documents / Math.max(seconds, 1e-9)));
        long size = source.size();
        long pos = source.position();
        if (size > 0 && pos > 0) {
            double done = Math.min(1.0, (double) pos / size);
            long eta = (long) (seconds / done * (1 - done));
            line.append(String.format(Locale.ROOT, "  %3.0f%%  ETA %d:%02d:%02d", 100 * done, eta / 3600, eta / 60 % 60,
                    eta % 60));
        }
        line.append("   ");
        err.print(line);
        err.flush();
        drawn = true;
    }

    void finish() {
        if (enabled && drawn) {
            err.println();
        }
    }
}
