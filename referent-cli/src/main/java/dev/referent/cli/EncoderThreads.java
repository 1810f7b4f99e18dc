package dev.referent.cli;

import picocli.CommandLine.Option;

/** {@code --threads} of the single-document commands: encoder threads for one document at a time. */
final class EncoderThreads {

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "encoder threads (default: all cores)")
    int threads;

    int count() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
