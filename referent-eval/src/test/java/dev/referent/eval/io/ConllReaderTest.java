package dev.referent.eval.io;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.eval.TestData;
import dev.referent.eval.score.CorefScorer;
import dev.referent.eval.score.Metric;
import dev.referent.format.ConllWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConllReaderTest {

    private static List<Document> read(String content) throws IOException {
        return new ConllReader().read(content, "test.conll");
    }

    @Test
    void readsOntoNotesColumnsWithNestingAndSentences() throws IOException {
        String conll = "#begin document (nw/test); part 000\n"
                + "nw/test\t0\t0\tJohn\tNNP\t*\t-\t-\t-\tSpeaker#1\t*\t(0\n"
                + "nw/test\t0\t1\tKelly\tNNP\t*\t-\t-\t-\tSpeaker#1\t*\t0)\n"
                + "nw/test\t0\t2\tspoke\tVBD\t*\t-\t-\t-\tSpeaker#1\t*\t-\n"
                + "nw/test\t0\t3\t.\t.\t*\t-\t-\t-\tSpeaker#1\t*\t-\n"
                + "\n"
                + "nw/test\t0\t0\tHis\tPRP$\t*\t-\t-\t-\tSpeaker#1\t*\t(1(0)\n"
                + "nw/test\t0\t1\tdog\tNN\t*\t-\t-\t-\tSpeaker#1\t*\t1)\n"
                + "#end document\n";
        Document doc = read(conll).get(0);
        assertEquals("nw/test", doc.id());
        assertEquals("John Kelly spoke .\nHis dog", doc.text());
        assertEquals(2, doc.sentences().size());
        assertEquals("PRP$", doc.token(4).xpos());
        assertEquals(2, doc.clusters().size());
        Cluster kelly = doc.clusters().get(0);
        assertEquals(List.of("John Kelly", "His"), kelly.mentions().stream().map(Mention::text).toList());
        assertEquals("His dog", doc.clusters().get(1).mentions().get(0).text());
    }

    @Test
    void readsGumThreeColumnsWithTypedIds() throws IOException {
        String gum = "# begin document GUM_x\n0\tAustralian\t(person-1\n1\tchildren\tperson-1)\n2\tsuffer\t_\n"
                + "3\tiodine\t(abstract-2(substance-3-Iodine)\n4\tdeficiency\tabstract-2)\n";
        Document doc = read(gum).get(0);
        assertEquals("GUM_x", doc.id());
        assertEquals(List.of(1, 2, 3), doc.clusters().stream().map(Cluster::id).toList());
        assertEquals("iodine deficiency", doc.clusters().get(1).mentions().get(0).text());
        assertEquals("iodine", doc.clusters().get(2).mentions().get(0).text());
    }

    @Test
    void malformedInputNamesFileLineAndReason() {
        var unclosed = assertThrows(CorpusFormatException.class,
                () -> read("#begin document (d); part 000\nd\t0\t0\tA\t(1\nd\t0\t1\tB\t-\n#end document\n"));
        assertTrue(unclosed.getMessage().startsWith("test.conll:2:"), unclosed.getMessage());
        assertTrue(unclosed.getMessage().contains("never closed"), unclosed.getMessage());

        var unopened = assertThrows(CorpusFormatException.class,
                () -> read("#begin document (d); part 000\nd\t0\t0\tA\t-\nd\t0\t1\tB\t1)\n#end document\n"));
        assertTrue(unopened.getMessage().startsWith("test.conll:3:") && unopened.getMessage().contains("without a begin"),
                unopened.getMessage());

        var columns = assertThrows(CorpusFormatException.class,
                () -> read("#begin document (d); part 000\nd\t0\t0\tA\t-\nd\t0\t1\tB\textra\t-\n#end document\n"));
        assertTrue(columns.getMessage().startsWith("test.conll:3:") && columns.getMessage().contains("columns"),
                columns.getMessage());

        var nonNumeric = assertThrows(CorpusFormatException.class,
                () -> read("#begin document (d); part 000\nd\t0\t0\tA\t(x1)\n#end document\n"));
        assertTrue(nonNumeric.getMessage().startsWith("test.conll:2:") && nonNumeric.getMessage().contains("non-numeric"),
                nonNumeric.getMessage());
    }

    /** GENTLE_poetry_road has unbalanced brackets upstream: strict reading fails clearly, lenient reading recovers. */
    @Test
    void unbalancedUpstreamFileIsReportedOrRecoveredExplicitly() throws IOException {
        Path road = TestData.dir().resolve("ontogum/coref/ontogum/conll/GENTLE_poetry_road.conll");
        var error = assertThrows(CorpusFormatException.class, () -> new ConllReader().read(road));
        assertTrue(error.getMessage().contains("GENTLE_poetry_road.conll:"), error.getMessage());
        List<String> warnings = new ArrayList<>();
        List<Document> docs = new ConllReader(true, warnings::add).read(road);
        assertEquals(1, docs.size());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().allMatch(w -> w.contains("dropped")));
    }

    @Test
    void readsEveryCorpusFile() throws IOException {
        Path data = TestData.dir();
        int docs = 0;
        List<String> warnings = new ArrayList<>();
        ConllReader lenient = new ConllReader(true, warnings::add);
        for (String dir : List.of("ontogum/coref/ontogum/conll", "gum/coref/gum/conll", "litbank/coref/conll",
                "winobias/WinoBias/wino/data/conll_format")) {
            try (Stream<Path> files = Files.list(data.resolve(dir))) {
                for (Path f : files.sorted().toList()) {
                    for (Document d : lenient.read(f)) {
                        docs++;
                        for (Cluster c : d.clusters()) {
                            for (Mention m : c.mentions()) {
                                assertEquals(d.text().substring(m.start(), m.end()), m.text());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(docs > 263 * 2 + 100 + 3000, "documents read: " + docs);
        // only GENTLE_poetry_road (twice: OntoGUM and GUM) and the known empty token are recovered
        assertTrue(warnings.size() <= 6, warnings.toString());
    }

    @Test
    void litbankAndWinobiasLayouts() throws IOException {
        Path data = TestData.dir();
        Document lit = new ConllReader().read(data.resolve("litbank/coref/conll/541_the_age_of_innocence_brat.conll")).get(0);
        assertEquals("541_the_age_of_innocence_brat", lit.id());
        assertEquals("Christine Nilsson", lit.clusters().get(0).mentions().get(0).text());
        List<Document> wino = new ConllReader().read(
                data.resolve("winobias/WinoBias/wino/data/conll_format/dev_type1_pro_stereotype.v4_auto_conll"));
        assertTrue(wino.size() > 300);
        Document first = wino.get(0);
        assertEquals(List.of("The developer", "he"), first.clusters().get(0).mentions().stream().map(Mention::text).toList());
    }

    /** Writing the OntoGUM dev key and reading it back gives the same clusters and a perfect score. */
    @Test
    void writerRoundTripsTheKey() throws IOException {
        Path key = DataPaths.ontogumKey(TestData.dir(), "dev");
        List<Document> docs = new ConllReader().read(key);
        StringWriter out = new StringWriter();
        new ConllWriter().write(docs, out);
        List<Document> back = new ConllReader().read(out.toString(), "written.conll");
        assertEquals(docs.size(), back.size());
        for (int i = 0; i < docs.size(); i++) {
            assertEquals(docs.get(i).id(), back.get(i).id());
            assertEquals(docs.get(i).size(), back.get(i).size());
            assertEquals(docs.get(i).mentions().size(), back.get(i).mentions().size(), docs.get(i).id());
        }
        CorefScorer.Report self = new CorefScorer().score(docs, docs);
        CorefScorer.Report written = new CorefScorer().score(docs, back);
        assertEquals(self.conllF1(), written.conllF1(), 1e-12);
        assertTrue(out.toString().contains("#begin document GUM_academic_exposure") || out.toString().contains("# begin document GUM_"));
    }
}
