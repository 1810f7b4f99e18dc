package dev.referent.train;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntaxCorpusTest {

    // "Kim's sister saw it." / "She left." with a multi-word token line, nested mentions and a one-word mention
    private static final String DOC = String.join("\n",
            "# newdoc id = test_doc",
            "# text = Kim's sister saw it.",
            "1-2\tKim's\t_\t_\t_\t_\t_\t_\t_\t_",
            "1\tKim\tKim\tPROPN\tNNP\tNumber=Sing\t3\tnmod:poss\t3:nmod:poss\tEntity=(1-person-giv-1-coref(2-person-new-1-coref)",
            "2\t's\t's\tPART\tPOS\t_\t1\tcase\t1:case\t_",
            "3\tsister\tsister\tNOUN\tNN\tNumber=Sing\t4\tnsubj\t4:nsubj\tEntity=1)",
            "4\tsaw\tsee\tVERB\tVBD\tMood=Ind|Tense=Past\t0\troot\t0:root\t_",
            "5\tit\tit\tPRON\tPRP\tCase=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs\t4\tobj\t4:obj\tEntity=(3-object-new-1-coref)",
            "6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_",
            "",
            "# text = She left.",
            "1\tShe\tshe\tPRON\tPRP\tCase=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs\t2\tnsubj\t2:nsubj\tEntity=(1-person-giv-1-coref)",
            "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t0:root\t_",
            "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_",
            "");

    @Test
    void readsWordsTreesFeaturesAndEntityTypesOfMentionHeads() throws IOException {
        SyntaxCorpus.Doc d = SyntaxCorpus.read(new BufferedReader(new StringReader(DOC)), "test", "test_doc");
        assertEquals(List.of("Kim", "'s", "sister", "saw", "it", ".", "She", "left", "."), d.words());
        assertArrayEquals(new int[] {6, 9}, d.sentenceEnds());
        assertArrayEquals(new int[] {2, 0, 3, -1, 3, 3, 7, -1, 7}, d.head());
        assertEquals("nmod:poss", d.relation()[0]);
        // "Kim's sister" is headed by "sister", "Kim" by itself; "it" and "She" are one-word mentions
        assertArrayEquals(new String[] {"person", "_", "person", "_", "object", "_", "person", "_", "_"},
                d.attributes().get("Entity"));
        assertEquals("Fem", d.attributes().get("Gender")[6]);
        assertEquals("Sing", d.attributes().get("Number")[2]);
        assertEquals("_", d.attributes().get("Number")[3]);
        assertEquals("Prs", d.attributes().get("PronType")[4]);
    }

    @Test
    void whereMentionsShareAHeadTheInnerOnesTypeWins() throws IOException {
        // "(Brieber 2012)": a citation (abstract) headed by the person it names
        String citation = String.join("\n",
                "# newdoc id = cite",
                "1\tBrieber\tBrieber\tPROPN\tNNP\tNumber=Sing\t0\troot\t0:root\tEntity=(4-abstract-new-1-sgl(5-person-new-1-sgl)",
                "2\t2012\t2012\tNUM\tCD\t_\t1\tnmod:tmod\t1:nmod:tmod\tEntity=4)",
                "");
        SyntaxCorpus.Doc d = SyntaxCorpus.read(new BufferedReader(new StringReader(citation)), "cite", "cite");
        assertArrayEquals(new String[] {"person", "_"}, d.attributes().get("Entity"));
    }

    @Test
    void anEntityClosingWithoutOpeningNamesTheLine() {
        String bad = DOC.replace("Entity=1)", "Entity=9)");
        IOException e = assertThrows(IOException.class,
                () -> SyntaxCorpus.read(new BufferedReader(new StringReader(bad)), "bad.conllu", "bad"));
        assertTrue(e.getMessage().contains("bad.conllu:6:") && e.getMessage().contains("cluster 9"), e.getMessage());
    }

    @Test
    void batchesHoldWholeSentences() throws IOException {
        SyntaxCorpus.Doc d = SyntaxCorpus.read(new BufferedReader(new StringReader(DOC)), "test", "test_doc");
        assertEquals(List.of("[0, 6]", "[6, 9]"),
                SyntaxTrainer.batches(d, 5).stream().map(java.util.Arrays::toString).toList());
        assertEquals(List.of("[0, 6, 9]"), SyntaxTrainer.batches(d, 100).stream().map(java.util.Arrays::toString).toList());
    }

    @Test
    void foldsSplitDocumentsByNameAndTheSpecIsChecked() {
        assertArrayEquals(new int[] {-1, 1}, SyntaxCorpus.parseFold(""));
        assertArrayEquals(new int[] {1, 3}, SyntaxCorpus.parseFold("2/3"));
        for (String bad : List.of("0/3", "4/3", "1/1", "2", "a/b")) {
            assertThrows(IllegalArgumentException.class, () -> SyntaxCorpus.parseFold(bad), bad);
        }
        // every fold gets some of 60 names
        int[] counts = new int[3];
        for (int i = 0; i < 60; i++) {
            counts[SyntaxCorpus.fold("GUM_news_" + i, 3)]++;
        }
        for (int c : counts) {
            assertTrue(c >= 10, java.util.Arrays.toString(counts));
        }
    }
}
