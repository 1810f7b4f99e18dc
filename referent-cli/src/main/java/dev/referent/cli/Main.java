package dev.referent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code referent} command. */
@Command(name = "referent", mixinStandardHelpOptions = true, version = "referent 0.1.0",
        description = "Coreference resolution for English news text: resolve references to their entities.",
        subcommands = {ResolveCommand.class, BatchCommand.class, PredictCommand.class, EvalCommand.class, ScoreCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code for usage errors (bad options, unreadable input). */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (used by tests; never exits the JVM). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("referent: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof UsageException || e instanceof dev.referent.eval.io.CorpusFormatException
                    || e instanceof java.io.IOException
                    || e instanceof java.io.UncheckedIOException || e instanceof IllegalArgumentException ? USAGE : 1;
        });
        return cli.execute(args);
    }

    /** A user error that is reported as one line and exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
