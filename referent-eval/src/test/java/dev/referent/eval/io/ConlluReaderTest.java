package dev.referent.eval.io;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.MentionType;
import dev.referent.eval.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConlluReaderTest {

    private static final String SAMPLE = """
            # newdoc id = doc1
            # meta::title = A test
            # meta::author = Wikinews
            # newpar
            # text = John's dog barked.
            1-2\tJohn's\t_\t_\t_\t_\t_\t_\t_\t_
            1\tJohn\tJohn\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tEntity=(1-person-new(2-animal-new
            2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\tEntity=1)
            3\tdog\tdog\tNOUN\tNN\t_\t4\tnsubj\t_\tEntity=2)
            4\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
            5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

            # newpar
            # text = He ran.
            1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1)
            2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
            3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

            """;

    @Test
    void readsTreeTagsEntitiesAndText() throws IOException {
        Document doc = new ConlluReader().read(SAMPLE, "sample.conllu").get(0);
        assertEquals("doc1", doc.id());
        assertEquals("John's dog barked.\n\nHe ran.", doc.text());
        assertEquals("A test", doc.title().orElseThrow());
        assertEquals("Wikinews", doc.author().orElseThrow());
        assertEquals(2, doc.sentences().size());
        assertEquals(2, doc.token(0).head());
        assertEquals("root", doc.token(3).deprel());
        Cluster john = doc.clusters().get(0);
        assertEquals(List.of("John's", "He"), john.mentions().stream().map(Mention::text).toList());
        assertEquals(0, john.mentions().get(0).head()); // "John": its head "dog" lies outside the span
        Mention dog = doc.clusters().get(1).mentions().get(0);
        assertEquals("John's dog", dog.text());
        assertEquals(2, dog.head());
        assertEquals(MentionType.NOMINAL, dog.type());
        assertEquals(MentionType.PRONOUN, john.mentions().get(1).type());
        assertEquals(MentionType.PROPER, john.mentions().get(0).type());
    }

    @Test
    void badLinesAreReportedWithLineNumbers() {
        var e = assertThrows(CorpusFormatException.class,
                () -> new ConlluReader().read("# newdoc id = d\n1\tA\t_\t_\n", "bad.conllu"));
        assertTrue(e.getMessage().startsWith("bad.conllu:2:"), e.getMessage());
        var head = assertThrows(CorpusFormatException.class,
                () -> new ConlluReader().read("1\tA\t_\t_\t_\t_\t7\tdep\t_\t_\n\n", "bad.conllu"));
        assertTrue(head.getMessage().contains("outside the sentence"), head.getMessage());
    }

    /**
     * Every OntoGUM CoNLL-U document aligns word for word with its 3-column CoNLL file and has the same mentions, so
     * the model can train on CoNLL-U trees and be scored against the CoNLL keys.
     */
    @Test
    void ontogumConlluAlignsWithConll() throws IOException {
        Path data = TestData.dir();
        List<Path> files;
        try (Stream<Path> s = Files.list(data.resolve("ontogum/coref/ontogum/conllu"))) {
            files = s.sorted().toList();
        }
        assertEquals(263, files.size());
        List<String> warnings = new ArrayList<>();
        int headsOutside = 0;
        int mentions = 0;
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".conllu", "");
            Document u = new ConlluReader(true, warnings::add).read(f).get(0);
            Document c = new ConllReader(true, warnings::add).read(data.resolve("ontogum/coref/ontogum/conll/" + name + ".conll")).get(0);
            assertEquals(c.size(), u.size(), name);
            for (int i = 0; i < u.size(); i++) {
                if (!u.token(i).text().equals(c.token(i).text()) && !c.token(i).text().equals("_")) {
                    throw new AssertionError(name + " token " + i + ": " + u.token(i).text() + " vs " + c.token(i).text());
                }
            }
            Set<String> fromConll = spans(c);
            Set<String> fromConllu = spans(u);
            assertEquals(fromConll, fromConllu, name);
            for (Mention m : u.mentions()) {
                mentions++;
                int h = u.token(m.head()).head();
                if (h >= m.tokenStart() && h < m.tokenEnd()) {
                    headsOutside++;
                }
            }
        }
        assertTrue(mentions > 32000, "mentions: " + mentions);
        assertEquals(0, headsOutside, "mention heads must have their own head outside the span");
    }

    private static Set<String> spans(Document d) {
        Set<String> s = new HashSet<>();
        for (Cluster c : d.clusters()) {
            for (Mention m : c.mentions()) {
                s.add(m.tokenStart() + ":" + m.tokenEnd());
            }
        }
        return s;
    }
}
