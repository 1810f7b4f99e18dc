package dev.referent.eval;

import dev.referent.doc.Document;
import dev.referent.eval.io.ConlluReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tokenizer against the gold tokenization of every GUM/OntoGUM document (263 documents, 251k tokens). */
class TokenizationAgreementTest {

    @Test
    void tokenizerReproducesGumTokenization() throws IOException {
        Path dir = TestData.dir().resolve("gum/dep");
        TokenizationAgreement agreement = new TokenizationAgreement();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".conllu")).sorted().toList();
        }
        ConlluReader reader = new ConlluReader();
        for (Path f : files) {
            for (Document d : reader.read(f)) {
                agreement.add(d);
            }
        }
        System.out.printf("tokenizer vs GUM gold (%d docs, %d tokens): P=%.4f R=%.4f F1=%.4f; sentence-end F1=%.4f%n",
                files.size(), agreement.goldTokens(), agreement.tokenPrecision(), agreement.tokenRecall(),
                agreement.tokenF1(), agreement.sentenceF1());
        if (Boolean.getBoolean("referent.showTokenErrors")) {
            agreement.examples().forEach(System.out::println);
        }
        assertTrue(files.size() >= 200, "expected the GUM corpus, found " + files.size() + " files");
        assertTrue(agreement.tokenF1() >= 0.98, "token boundary F1 " + agreement.tokenF1() + " < 0.98");
        assertTrue(agreement.sentenceF1() >= 0.85, "sentence boundary F1 " + agreement.sentenceF1() + " < 0.85");
    }
}
