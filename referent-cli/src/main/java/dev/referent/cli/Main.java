package dev.referent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/** Entry point of the {@code referent} command. */
@Command(name = "referent", mixinStandardHelpOptions = true, version = "referent 0.1.0",
        description = "Coreference resolution for English news text: resolve references to their entities.",
        subcommands = {ResolveCommand.class, BatchCommand.class, PredictCommand.class, EvalCommand.class, ScoreCommand.class, ServeCommand.class,
                ModuleCommands.Spark.class, ModuleCommands.Train.class, ModuleCommands.Bench.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'referent COMMAND --help' for a command's options.",
                "Exit status: 0 success, 2 usage or input error, 3 batch finished with failed rows, 1 internal error.",
                "--debug (or REFERENT_DEBUG=1) prints the stack trace of an error."})
public final class Main {

    /** Exit code for usage errors (bad options, unreadable input). */
    public static final int USAGE = 2;
    /** Exit code for internal errors (a bug, or the JVM running out of memory). */
    public static final int INTERNAL = 1;

    /**
     * {@code --debug}, accepted before or after any subcommand (inherited), or the environment variable
     * {@code REFERENT_DEBUG=1}: errors come with their stack trace.
     */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of an error (also: environment REFERENT_DEBUG=1)")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (used by tests; never exits the JVM). */
    public static int run(String... args) {
        return runWithDebugEnv(System.getenv("REFERENT_DEBUG"), args);
    }

    /** {@link #run(String...)} with the value of REFERENT_DEBUG given (tests cannot set the environment). */
    static int runWithDebugEnv(String debugEnv, String... args) {
        return execute(commandLine(), debugEnv, args);
    }

    /** The command line with its subcommands (tests add failing ones to reach the internal-error path). */
    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /** Runs {@code cli} (whose command is a {@link Main}) with the error reporting of the {@code referent} command. */
    static int execute(CommandLine cli, String debugEnv, String... args) {
        Main main = cli.getCommand();
        boolean envDebug = debugEnv != null && !debugEnv.isBlank() && !debugEnv.equals("0")
                && !debugEnv.equalsIgnoreCase("false");
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                report(e, commandLine.getErr(), envDebug || main.debug || debugOption(parseResult)));
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands errors (OutOfMemoryError, StackOverflowError) through; report them like exceptions
            return report(e, cli.getErr(), envDebug || main.debug || java.util.Arrays.asList(args).contains("--debug"));
        }
    }

    /** Whether --debug was given on the subcommand that failed (an inherited option lands on each command). */
    private static boolean debugOption(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line for a user error (exit 2); for anything else the exception's type and message and a one-line hint
     * (exit 1). With {@code debug} the stack trace follows either way.
     */
    static int report(Throwable e, PrintWriter err, boolean debug) {
        int code = isUserError(e) ? USAGE : INTERNAL;
        String message = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
        if (code == USAGE) {
            err.println("referent: " + (message == null ? e.toString() : message));
        } else {
            err.println("referent: internal error: " + e.getClass().getName() + (message == null ? "" : ": " + message));
            err.println("referent: hint: " + hint(e, debug));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof UsageException || e instanceof dev.referent.eval.io.CorpusFormatException
                || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalArgumentException;
    }

    private static String hint(Throwable e, boolean debug) {
        if (e instanceof OutOfMemoryError) {
            return "the Java heap is too small for this input; give it more, e.g. REFERENT_JAVA_OPTS=-Xmx4g, "
                    + "or split the input";
        }
        if (e instanceof StackOverflowError) {
            return "the input nests too deeply; raise the thread stack with REFERENT_JAVA_OPTS=-Xss8m";
        }
        String rerun = debug ? "the stack trace follows" : "rerun with --debug (or REFERENT_DEBUG=1) for the stack trace";
        return "this is a bug in referent; " + rerun + " and report it with the command line";
    }

    /** A user error that is reported as one line and exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
