package dev.referent.cli;

import dev.referent.model.CorefModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the model a command runs: {@code --model DIR}, else the default model packed into the jar. */
final class Models {

    private Models() {
    }

    static boolean available(Path dir) {
        return dir != null ? Files.isRegularFile(dir.resolve("heads.bin")) : CorefModel.defaultAvailable();
    }

    static CorefModel load(Path dir, int threads) {
        return load(dir, threads, null);
    }

    static CorefModel load(Path dir, int threads, String encoder) {
        if (dir != null) {
            if (!Files.isRegularFile(dir.resolve("heads.bin")) || !Files.isRegularFile(dir.resolve("config.properties"))) {
                throw new Main.UsageException("no model in '" + dir + "' (expected config.properties and heads.bin)");
            }
            return CorefModel.load(CorefModel.Source.directory(dir), threads, encoder);
        }
        if (!CorefModel.defaultAvailable()) {
            throw new Main.UsageException("no default model is packed in this build (models/default is missing); "
                    + "train one with ./referent train or pass --model DIR");
        }
        return CorefModel.load(CorefModel.Source.classpath(CorefModel.DEFAULT_RESOURCE), threads, encoder);
    }
}
