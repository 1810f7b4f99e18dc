package dev.referent.spark;

import dev.referent.Resolver;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.RewriteOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model of this JVM: loaded once, lazily, on first use in each executor, and shared by all its task threads
 * (the model is thread-safe). It is never serialised with a closure. The default model comes from the classpath
 * (packed into the referent-spark jar); the system property or environment variable {@code referent.model} /
 * {@code REFERENT_MODEL} names another model directory present on every executor.
 */
final class Models {

    private static volatile Resolver resolver;

    private Models() {
    }

    static Resolver resolver() {
        Resolver r = resolver;
        if (r == null) {
            synchronized (Models.class) {
                r = resolver;
                if (r == null) {
                    r = new Resolver(load(), RewriteOptions.defaults());
                    resolver = r;
                }
            }
        }
        return r;
    }

    private static CorefModel load() {
        String dir = System.getProperty("referent.model", System.getenv("REFERENT_MODEL"));
        // one encoder thread per task: Spark runs one task per executor core
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir);
            if (!Files.isRegularFile(p.resolve("heads.bin"))) {
                throw new IllegalStateException("referent.model=" + dir + " holds no model (config.properties, heads.bin)");
            }
            return CorefModel.load(CorefModel.Source.directory(p), 1);
        }
        if (!CorefModel.defaultAvailable()) {
            throw new IllegalStateException("no Referent model on the executor classpath: ship the referent-spark jar "
                    + "(it packs the default model) or set referent.model to a model directory");
        }
        return CorefModel.loadDefault(1);
    }
}
