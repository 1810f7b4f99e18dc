package dev.referent.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model comes from, for every front end (the command line's {@code --model/--encoder/--set}, the service's
 * loader, the Spark executors' {@code referent.model}): a model directory when one is named, else the default model
 * packed on the classpath; with an optional encoder override, runtime settings and encoder threads. Before this class
 * each front end checked the directory and the default model itself, with its own messages.
 *
 * @param directory a model directory (with {@code config.properties} and {@code heads.bin}), or null: the default
 *                  model on the classpath
 * @param encoder   another encoder to run the model with (e.g. {@code all-minilm-l6-v2}), or null: the model's own
 * @param settings  runtime settings of the model's {@code config.properties} replaced for this run
 * @param threads   the encoder's threads (at least 1)
 */
public record ModelLocator(Path directory, String encoder, Map<String, String> settings, int threads) {

    /** No model where one was asked for: a directory without one, or a build without the default model. */
    public static final class ModelNotFoundException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ModelNotFoundException(String message) {
            super(message);
        }
    }

    public ModelLocator {
        settings = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** The default model on the classpath, as trained, with {@code threads} encoder threads. */
    public static ModelLocator defaultModel(int threads) {
        return new ModelLocator(null, null, Map.of(), threads);
    }

    /** {@code directory} (null: the default model) as trained. */
    public static ModelLocator of(Path directory, int threads) {
        return new ModelLocator(directory, null, Map.of(), threads);
    }

    public ModelLocator withThreads(int n) {
        return new ModelLocator(directory, encoder, settings, n);
    }

    /** Whether {@code dir} holds a model (its config and weights; the rest is checked when it loads). */
    public static boolean isModelDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve("heads.bin")) && Files.isRegularFile(dir.resolve("config.properties"));
    }

    /**
     * Checks that the model is there, without loading it.
     *
     * @throws ModelNotFoundException naming the directory, or saying that this build packs no default model
     */
    public void check() {
        if (directory != null) {
            if (!isModelDirectory(directory)) {
                throw new ModelNotFoundException("'" + directory + "' holds no model (expected config.properties and heads.bin)");
            }
        } else if (!CorefModel.defaultAvailable()) {
            throw new ModelNotFoundException("no default model is packed in this build (models/default is missing); "
                    + "name a model directory");
        }
    }

    /** Loads the model (the caller closes it). */
    public CorefModel load() {
        check();
        CorefModel.Source source = directory != null ? CorefModel.Source.directory(directory)
                : CorefModel.Source.classpath(CorefModel.DEFAULT_RESOURCE);
        return CorefModel.load(source, threads, encoder, settings);
    }
}
