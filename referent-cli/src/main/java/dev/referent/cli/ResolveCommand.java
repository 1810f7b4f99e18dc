package dev.referent.cli;

import dev.referent.Resolver;
import dev.referent.format.ConllWriter;
import dev.referent.format.HtmlFormat;
import dev.referent.format.JsonFormat;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.Rewriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code referent resolve FILE|-}: prints the text with references replaced by their entities. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Print the article with each reference replaced by its entity's representative mention.")
final class ResolveCommand implements Callable<Integer> {

    @Mixin
    ModelMixin models;

    @Mixin
    EncoderThreads encoderThreads;

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE|-",
            description = "UTF-8 text file to resolve, or - for standard input (default)")
    String input;

    @Mixin
    RewriteMixin rewrite;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default), json, conll, html")
    String format;

    @Option(names = "--tokens", description = "with --format json: include tokens and sentences")
    boolean tokens;




    @Override
    public Integer call() throws IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json") && !fmt.equals("conll") && !fmt.equals("html")) {
            throw new Main.UsageException("--format must be text, json, conll or html, not '" + format + "'");
        }
        var options = rewrite.options();
        String text = readInput(input);
        if (text.isBlank()) {
            // the project's one rule for empty text, as in batch, Spark and the service: an input error
            throw new Main.UsageException("'" + (input.equals("-") ? "standard input" : input) + "' is empty: "
                    + "there is no text to resolve");
        }
        String id = input.equals("-") ? "stdin" : Path.of(input).getFileName().toString();
        if (models.model == null && !CorefModel.defaultAvailable()) {
            System.err.println("referent: no coreference model is packed in this build (models/default is missing); "
                    + "printing the text unchanged");
            System.out.print(text);
            System.out.flush();
            return 0;
        }
        try (CorefModel coref = models.load(encoderThreads.count())) {
            Resolver.Resolved resolved = new Resolver(coref, options).resolve(id, text);
            Rewriter.Result result = resolved.result();
            Writer out = new OutputStreamWriter(new PrintStream(System.out, false, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            switch (fmt) {
                case "json" -> out.write(new JsonFormat(tokens).write(result, coref.name()) + "\n");
                case "conll" -> new ConllWriter().write(resolved.document(), out);
                case "html" -> out.write(new HtmlFormat().write(result));
                default -> out.write(result.text());
            }
            out.flush();
        }
        return 0;
    }

    static String readInput(String input) throws IOException {
        if (!input.equals("-")) {
            return CliFiles.readUtf8(Path.of(input));
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.in.transferTo(buffer);
        return CliFiles.decode(buffer.toByteArray(), "standard input");
    }
}
