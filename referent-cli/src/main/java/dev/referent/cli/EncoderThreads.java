package dev.referent.cli;

import picocli.CommandLine.Option;

/** {@code --threads} of the single-document commands: encoder threads for one document at a time. */
final class EncoderThreads {

    @Option(names = "--threads", converter = PositiveInt.class, paramLabel = "N",
            description = "encoder threads, >= 1 (default: all cores)")
    Integer threads;

    int count() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
