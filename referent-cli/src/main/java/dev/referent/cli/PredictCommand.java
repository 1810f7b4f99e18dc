package dev.referent.cli;

import dev.referent.doc.Document;
import dev.referent.eval.io.ConllReader;
import dev.referent.format.ConllWriter;
import dev.referent.model.CorefModel;
import dev.referent.text.TextAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code referent predict --input X.conll --output Y.conll}: X's documents and tokens with predicted clusters. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict coreference for the documents of a CoNLL-2012 file, keeping its document names and "
                + "tokens, and write the clusters in the last column (scorer-compatible).")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelMixin models;

    @Mixin
    EncoderThreads encoderThreads;

    @Option(names = "--input", required = true, paramLabel = "X.conll")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "Y.conll")
    Path output;




    @Override
    public Integer call() throws IOException {
        CliFiles.requireReadableFile(input);
        List<Document> docs = new ConllReader(true, w -> System.err.println("referent: warning: " + w)).read(input);
        TextAnalyzer analyzer = new TextAnalyzer();
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        try (CorefModel coref = models.load(encoderThreads.count());
             Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            ConllWriter writer = new ConllWriter();
            for (Document doc : docs) {
                Document predicted = coref.predict(analyzer.prepareForPrediction(doc)).document();
                writer.write(predicted, out);
            }
        }
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("referent: " + docs.size() + " documents written to " + output);
        return 0;
    }
}
