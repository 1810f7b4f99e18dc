package dev.referent.spark;

import dev.referent.Resolver;
import dev.referent.model.CorefModel;
import dev.referent.model.ModelLocator;
import dev.referent.rewrite.RewriteOptions;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model of this JVM: loaded once, lazily, on first use in each executor, and shared by all its task threads
 * (the model is thread-safe). It is never serialised with a closure. The default model comes from the classpath
 * (packed into the referent-spark jar); the system property or environment variable {@code referent.model} /
 * {@code REFERENT_MODEL} names another model directory present on every executor.
 *
 * <p>A model that cannot load is tried once per JVM: the failure is kept and thrown again, as a
 * {@link ModelLoadException}, to every later caller, so that the task (and with it the job) fails with the reason
 * instead of every row retrying the load and ending as "processing failed".
 */
final class Models {

    /** Loaded resolvers or kept failures, by model directory ("" for the default model). */
    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();
    /** How many loads were attempted in this JVM (tests check that a failure is not retried per row). */
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    private Models() {
    }

    /** The model could not be loaded; the job fails with this reason. */
    static final class ModelLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelLoadException(String reason, Throwable cause) {
            super("the Referent model cannot load: " + reason, cause);
        }
    }

    static Resolver resolver() {
        String dir = System.getProperty("referent.model", System.getenv("REFERENT_MODEL"));
        String key = dir == null || dir.isBlank() ? "" : dir;
        Object r = LOADED.computeIfAbsent(key, Models::loadOrFailure);
        if (r instanceof ModelLoadException e) {
            throw e;
        }
        return (Resolver) r;
    }

    private static Object loadOrFailure(String dir) {
        ATTEMPTS.incrementAndGet();
        try {
            return new Resolver(load(dir), RewriteOptions.defaults());
        } catch (RuntimeException | Error e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            return new ModelLoadException(reason, e);
        }
    }

    private static CorefModel load(String dir) {
        // core's one locator; one encoder thread per task: Spark runs one task per executor core
        ModelLocator locator = ModelLocator.of(dir.isEmpty() ? null : Path.of(dir), 1);
        try {
            locator.check();
        } catch (ModelLocator.ModelNotFoundException e) {
            throw new IllegalStateException(dir.isEmpty()
                    ? "no Referent model on the executor classpath: ship the referent-spark jar (it packs the default "
                    + "model) or set referent.model to a model directory"
                    : "referent.model=" + e.getMessage());
        }
        return locator.load();
    }
}
