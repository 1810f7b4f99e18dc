package dev.referent.eval;

import dev.referent.doc.Document;
import dev.referent.eval.io.ConlluReader;
import dev.referent.rewrite.Replacement;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.Rewriter;
import dev.referent.text.QuoteFinder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property over every GUM and OntoGUM document with its gold clusters, in every replace mode: all characters
 * outside replaced spans are preserved exactly and in order, replacements never overlap, and no replacement is a
 * pronoun or the mention itself.
 */
class RewriteInvariantTest {

    @Test
    void everyCharacterOutsideReplacedSpansIsPreserved() throws IOException {
        Path data = TestData.dir();
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("ontogum/coref/ontogum/conllu", "gum/dep")) {
            try (Stream<Path> s = Files.list(data.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".conllu")).sorted().forEach(files::add);
            }
        }
        assertEquals(526, files.size());
        Rewriter rewriter = new Rewriter();
        QuoteFinder quotes = new QuoteFinder();
        long replacements = 0;
        for (Path f : files) {
            Document doc = new ConlluReader(true, w -> { }).read(f).get(0);
            doc = doc.withQuotes(quotes.find(doc.text(), doc.tokens(), doc.sentences()));
            for (RewriteOptions.Replace mode : RewriteOptions.Replace.values()) {
                for (boolean insideQuotes : new boolean[] {false, true}) {
                    RewriteOptions options = RewriteOptions.defaults().withReplace(mode).withInsideQuotes(insideQuotes);
                    Rewriter.Result r = rewriter.rewrite(doc, options);
                    check(doc.text(), r, f.getFileName() + " " + mode);
                    replacements += r.replacements().size();
                }
            }
        }
        assertTrue(replacements > 20_000, "replacements: " + replacements);
    }

    private static void check(String original, Rewriter.Result result, String where) {
        String out = result.text();
        int inPos = 0;
        int outPos = 0;
        for (Replacement r : result.replacements()) {
            assertTrue(r.start() >= inPos, where + ": overlapping replacements at " + r.start());
            assertEquals(original.substring(inPos, r.start()), out.substring(outPos, r.outputStart()), where);
            assertEquals(r.original(), original.substring(r.start(), r.end()), where);
            assertTrue(!r.replacement().equals(r.original()), where + ": replaced by itself at " + r.start());
            assertTrue(!dev.referent.doc.Pronoun.isPronoun(r.replacement().replaceAll("['’]s?$", "")),
                    where + ": replaced by a pronoun: " + r.replacement());
            inPos = r.end();
            outPos = r.outputEnd();
        }
        assertEquals(original.substring(inPos), out.substring(outPos), where);
    }
}
