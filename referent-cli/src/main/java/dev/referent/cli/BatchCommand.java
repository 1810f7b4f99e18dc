package dev.referent.cli;

import dev.referent.Resolver;
import dev.referent.batch.BatchException;
import dev.referent.batch.BatchRunner;
import dev.referent.batch.CsvSink;
import dev.referent.batch.CsvSource;
import dev.referent.batch.DirectorySink;
import dev.referent.batch.DirectorySource;
import dev.referent.batch.ErrorLog;
import dev.referent.batch.Fields;
import dev.referent.batch.Inputs;
import dev.referent.batch.JsonlSink;
import dev.referent.batch.JsonlSource;
import dev.referent.batch.Progress;
import dev.referent.batch.RecordSource;
import dev.referent.batch.Sink;
import dev.referent.model.CorefModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code referent batch INPUT --out OUTPUT}: resolves a whole corpus, streaming, in parallel, resumable. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Resolve every article of a corpus: CSV, JSONL (optionally .gz) or a directory of .txt files.",
                "Exit status: 0 when every row succeeded, 3 when some rows failed (see OUTPUT.errors.jsonl), "
                        + "2 for usage errors."})
final class BatchCommand implements Callable<Integer> {

    /** Exit status when the run finished but some rows failed. */
    static final int SOME_ROWS_FAILED = 3;

    @Parameters(index = "0", paramLabel = "INPUT", description = "a .csv, .jsonl (each optionally .gz) or a directory of .txt files")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUTPUT",
            description = "a .jsonl or .csv file, or a directory (one <id>.txt per document: resolved text, a line break, the author)")
    Path output;

    @Mixin
    ModelMixin models;

    @Mixin
    RewriteMixin rewrite;

    @Option(names = "--threads", converter = PositiveInt.class, paramLabel = "N",
            description = "documents resolved in parallel, >= 1 (default: all cores); they share one model")
    Integer threads;

    @Option(names = "--model-threads", converter = PositiveInt.class, paramLabel = "N",
            description = "threads of the model for each document (encoder and pair scorer), >= 1 (default: all cores "
                    + "divided by --threads)")
    Integer modelThreads;

    @Option(names = "--id-col", defaultValue = "id", paramLabel = "NAME", description = "id field (default: id)")
    String idCol;

    @Option(names = "--text-col", defaultValue = "text", paramLabel = "NAME", description = "text field (default: text)")
    String textCol;

    @Option(names = "--author-col", defaultValue = "author", paramLabel = "NAME", description = "author field (default: author)")
    String authorCol;

    @Option(names = "--title-col", defaultValue = "title", paramLabel = "NAME", description = "title field (default: title)")
    String titleCol;

    @Option(names = "--keep-cols", split = ",", paramLabel = "NAMES",
            description = "input fields copied to the output (comma-separated; default: all)")
    List<String> keepCols;

    @Option(names = "--clusters", description = "JSONL output: add each document's clusters and replacements, as resolve --format json writes them")
    boolean clusters;

    @Option(names = "--unordered", description = "write documents as they finish instead of in input order")
    boolean unordered;

    @Option(names = "--resume", description = "continue a killed or stopped run: skip ids already in OUTPUT")
    boolean resume;

    @Option(names = "--overwrite", description = "replace an existing OUTPUT")
    boolean overwrite;

    @Option(names = "--fail-fast", description = "stop at the first bad row")
    boolean failFast;

    @Option(names = "--max-chars", defaultValue = "1000000", paramLabel = "N",
            description = "longer documents are reported as errors (default: 1,000,000 characters)")
    long maxChars;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--progress", description = "show the progress bar even when the console is not interactive")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(input)) {
            throw new Main.UsageException("cannot read '" + input + "': no such file or directory");
        }
        String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean outDir = !outName.endsWith(".jsonl") && !outName.endsWith(".csv");
        if (Files.exists(output) && !resume && !overwrite && !(outDir && isEmptyDir(output))) {
            throw new Main.UsageException("'" + output + "' exists; pass --resume to continue that run or --overwrite "
                    + "to replace it");
        }
        if (outDir && Files.exists(output) && !Files.isDirectory(output)) {
            throw new Main.UsageException("'" + output + "' is not a directory; name a .jsonl or .csv file or a directory");
        }
        if (resume && overwrite) {
            throw new Main.UsageException("--resume and --overwrite exclude each other");
        }
        if (maxChars < 1) {
            throw new Main.UsageException("--max-chars must be positive");
        }
        if (overwrite && outDir && Files.isDirectory(output)) {
            clearDocuments(output);
        }
        Fields fields = new Fields(idCol, textCol, authorCol, titleCol, keepCols);
        long maxRecordBytes = 4 * maxChars + (1 << 20);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        int cores = Runtime.getRuntime().availableProcessors();
        var options = rewrite.options();
        // input and output are opened (and checked) before the model is loaded, so that a usage error costs no load
        try (RecordSource source = openSource(fields, maxRecordBytes);
             Sink sink = openSink(outDir, source, fields);
             ErrorLog errors = new ErrorLog(ErrorLog.besides(output), resume);
             CorefModel model = models.load(modelThreads != null ? modelThreads : Math.max(1, cores / workers))) {
            Resolver resolver = new Resolver(model, options);
            boolean showProgress = !quiet && (progress || stderrIsTerminal());
            BatchRunner runner = new BatchRunner(new BatchRunner.Options(workers, !unordered, resume, failFast, maxChars));
            BatchRunner.Summary s = runner.run(source, sink, errors, resolver::resolve,
                    new Progress(System.err, showProgress, source));
            System.err.printf(Locale.ROOT, "referent batch: %,d documents, %,d errors%s, %,d words in %.1f s (%,.0f words/s)%s%n",
                    s.documents(), s.errors(), s.skipped() > 0 ? ", " + s.skipped() + " rows already done" : "",
                    s.words(), s.millis() / 1000.0, s.wordsPerSecond(),
                    s.errors() > 0 ? "; errors in " + errors.file() : "");
            return s.errors() > 0 ? SOME_ROWS_FAILED : 0;
        } catch (BatchException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    private RecordSource openSource(Fields fields, long maxRecordBytes) throws IOException {
        if (Files.isDirectory(input)) {
            return new DirectorySource(input, fields, maxRecordBytes);
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (name.endsWith(".csv")) {
            return new CsvSource(Inputs.open(input), fields, maxRecordBytes);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return new JsonlSource(Inputs.open(input), fields, maxRecordBytes);
        }
        throw new Main.UsageException("cannot tell the format of '" + input + "': name a .csv, .jsonl (optionally .gz) "
                + "or a directory of .txt files");
    }

    private Sink openSink(boolean outDir, RecordSource source, Fields fields) throws IOException {
        if (outDir) {
            return new DirectorySink(output, resume);
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new CsvSink(output, source.columns(), fields, resume);
        }
        return new JsonlSink(output, fields, clusters, resume);
    }

    /**
     * Whether standard error is a terminal. Java 17 cannot ask about one stream, so on Linux this reads where file
     * descriptor 2 points; elsewhere it falls back to whether the console is interactive.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the console check
        }
        return System.console() != null;
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

    private static void clearDocuments(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".txt") || n.endsWith(".tmp")) {
                    Files.delete(p);
                }
            }
        }
    }
}
