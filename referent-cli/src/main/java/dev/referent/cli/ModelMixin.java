package dev.referent.cli;

import dev.referent.model.CorefModel;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The model options shared by resolve, predict, eval and batch, and loading the model they select. */
final class ModelMixin {

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the model in the jar)")
    Path model;

    @Option(names = "--encoder", paramLabel = "NAME",
            description = "run the model with another encoder, e.g. all-minilm-l6-v2 (the fp32 encoder the default model was trained on)")
    String encoder;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "replace a runtime setting of the model's config.properties, e.g. link.threshold=-0.5 or "
                    + "link.repeated_names=false (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    /** {@code --model DIR}, else the default model packed into the jar, with {@code n} encoder threads. */
    CorefModel load(int n) {
        if (model != null) {
            if (!Files.isRegularFile(model.resolve("heads.bin")) || !Files.isRegularFile(model.resolve("config.properties"))) {
                throw new Main.UsageException("no model in '" + model + "' (expected config.properties and heads.bin)");
            }
            return CorefModel.load(CorefModel.Source.directory(model), n, encoder, settings);
        }
        if (!CorefModel.defaultAvailable()) {
            throw new Main.UsageException("no default model is packed in this build (models/default is missing); "
                    + "train one with ./referent train or pass --model DIR");
        }
        return CorefModel.load(CorefModel.Source.classpath(CorefModel.DEFAULT_RESOURCE), n, encoder, settings);
    }
}
