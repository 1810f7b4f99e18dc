package dev.referent.cli;

import dev.referent.model.CorefModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The model options shared by resolve, predict and eval. */
final class ModelMixin {

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the model in the jar)")
    Path model;

    @Option(names = "--encoder", paramLabel = "NAME",
            description = "run the model with another encoder: bge-small-en-v1.5-q is the int8 twin (faster)")
    String encoder;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "encoder threads (default: all cores)")
    int threads;

    CorefModel load() {
        return Models.load(model, threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), encoder);
    }
}
