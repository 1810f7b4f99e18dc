package dev.referent.cli;

import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code referent resolve FILE|-}: prints the text with references replaced by their entities. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Print the article with each reference replaced by its entity's representative mention.")
final class ResolveCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE|-",
            description = "UTF-8 text file to resolve, or - for standard input (default)")
    String input;

    @Override
    public Integer call() throws IOException {
        String text = readInput(input);
        Document doc = new TextAnalyzer().analyze(input.equals("-") ? "stdin" : Path.of(input).getFileName().toString(), text);
        System.err.println("referent: no coreference model is installed yet; printing the text unchanged ("
                + doc.size() + " tokens, " + doc.sentences().size() + " sentences).");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(text);
        out.flush();
        return 0;
    }

    static String readInput(String input) throws IOException {
        if (input.equals("-")) {
            InputStream in = System.in;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        }
        Path path = Path.of(input);
        if (!Files.isRegularFile(path)) {
            throw new Main.UsageException("cannot read '" + input + "': no such file");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
