package dev.referent.cli;

import dev.referent.model.CorefModel;
import dev.referent.model.ModelLocator;
import picocli.CommandLine.Option;

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
        return locator(n).load();
    }

    /** Where the model comes from (core's one locator); a missing model is a usage error naming the flag. */
    ModelLocator locator(int n) {
        ModelLocator locator = new ModelLocator(model, encoder, settings, n);
        try {
            locator.check();
        } catch (ModelLocator.ModelNotFoundException e) {
            throw new Main.UsageException(model != null ? "--model: " + e.getMessage()
                    : e.getMessage() + ": train one with ./referent train and pass --model DIR");
        }
        return locator;
    }
}
