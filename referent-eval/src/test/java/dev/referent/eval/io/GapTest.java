package dev.referent.eval.io;

import dev.referent.eval.TestData;
import dev.referent.eval.score.GapScorer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GapTest {

    @Test
    void readsBothSplitsAndGoldScoresPerfectly() throws IOException {
        Path data = TestData.dir();
        for (String split : List.of("development", "validation")) {
            List<GapExample> examples = new GapReader().read(data.resolve("gap/gap-" + split + ".tsv"));
            assertEquals(split.equals("development") ? 2000 : 454, examples.size(), split);
            Map<String, GapScorer.Prediction> gold = new HashMap<>();
            for (GapExample e : examples) {
                gold.put(e.id(), new GapScorer.Prediction(e.corefA(), e.corefB()));
            }
            GapScorer.Report report = new GapScorer().score(examples, gold);
            assertEquals(1.0, report.overall().f1(), 1e-12);
            assertEquals(1.0, report.bias(), 1e-12);
        }
    }

    @Test
    void scoresByGenderAndBias() throws IOException {
        List<GapExample> examples = List.of(
                new GapExample("m1", "He", "He", 0, "A", 0, true, "B", 0, false, ""),
                new GapExample("f1", "She", "She", 0, "A", 0, true, "B", 0, false, ""),
                new GapExample("f2", "her", "her", 0, "A", 0, false, "B", 0, true, ""));
        Map<String, GapScorer.Prediction> predictions = Map.of(
                "m1", new GapScorer.Prediction(true, false),
                "f1", new GapScorer.Prediction(true, true),
                "f2", new GapScorer.Prediction(false, false));
        GapScorer.Report r = new GapScorer().score(examples, predictions);
        assertEquals(2, r.overall().truePositives());
        assertEquals(1, r.overall().falsePositives());
        assertEquals(1, r.overall().falseNegatives());
        assertEquals(1.0, r.masculine().f1(), 1e-12);
        double femF1 = 2 * 0.5 * 0.5 / (0.5 + 0.5);
        assertEquals(femF1, r.feminine().f1(), 1e-12);
        assertEquals(femF1, r.bias(), 1e-12);
    }

    @Test
    void misplacedOffsetIsAnError() throws IOException {
        Path f = Files.createTempFile("gap", ".tsv");
        Files.writeString(f, "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n"
                + "x-1\tAnn met Bob. She left.\tShe\t13\tAnn\t0\tTRUE\tBob\t9\tFALSE\thttp://x\n"
                + "x-2\tAnn met Bob. She left.\tShe\t13\tAnn\t0\tTRUE\tBob\t8\tFALSE\thttp://x\n");
        var e = assertThrows(CorpusFormatException.class, () -> new GapReader().read(f));
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("'Bob' is not at offset 9"), e.getMessage());
        Files.delete(f);
    }

    /** A GAP row over {@code text}: the pronoun refers to "Anna Bell" (A, at 0), not to "Carla Diaz" (B). */
    private static GapExample annaNotCarla(String text, String pronoun) {
        return new GapExample("t", text, pronoun, text.indexOf(" " + pronoun + " ") + 1, "Anna Bell", 0, true,
                "Carla Diaz", text.indexOf("Carla"), false, "");
    }

    @Test
    void decisionsFromClustersNeedThePronounAndAnOverlappingMentionInOneCluster() {
        String text = "Anna Bell met Carla Diaz before she left.";
        GapExample ex = annaNotCarla(text, "she");
        dev.referent.doc.Document doc = new dev.referent.text.TextAnalyzer().analyze(ex.id(), text);
        // tokens: Anna(0) Bell(1) met(2) Carla(3) Diaz(4) before(5) she(6) left(7) .(8)
        dev.referent.doc.Document linkedToA = doc.withClusters(List.of(
                new dev.referent.doc.Cluster(0, List.of(doc.mention(1, 2), doc.mention(6, 7)))));
        assertEquals(new GapScorer.Prediction(true, false), GapScorer.Prediction.fromClusters(linkedToA, ex),
                "a mention overlapping part of the name counts");
        dev.referent.doc.Document apart = doc.withClusters(List.of(
                new dev.referent.doc.Cluster(0, List.of(doc.mention(0, 2), doc.mention(3, 5))),
                new dev.referent.doc.Cluster(1, List.of(doc.mention(6, 7), doc.mention(7, 8)))));
        assertEquals(new GapScorer.Prediction(false, false), GapScorer.Prediction.fromClusters(apart, ex),
                "the names linked to each other but not to the pronoun");
        dev.referent.doc.Document longSpan = doc.withClusters(List.of(
                new dev.referent.doc.Cluster(0, List.of(doc.mention(3, 5), doc.mention(5, 8)))));
        assertEquals(new GapScorer.Prediction(false, false), GapScorer.Prediction.fromClusters(longSpan, ex),
                "a clause that contains the pronoun is not the pronoun's mention");
    }

    @Test
    void thePronounsOwnMentionBeatsATwoWordPhraseAroundIt() {
        String text = "Anna Bell met Carla Diaz and her brother.";
        GapExample ex = annaNotCarla(text, "her");
        dev.referent.doc.Document doc = new dev.referent.text.TextAnalyzer().analyze(ex.id(), text);
        // tokens: Anna(0) Bell(1) met(2) Carla(3) Diaz(4) and(5) her(6) brother(7) .(8)
        var brother = doc.mention(6, 8, 7);
        var her = doc.mention(6, 7, 6);
        var brotherChain = new dev.referent.doc.Cluster(0, List.of(doc.mention(3, 5), brother));
        var herChain = new dev.referent.doc.Cluster(1, List.of(doc.mention(0, 2), her));
        for (var clusters : List.of(List.of(brotherChain, herChain), List.of(herChain, brotherChain))) {
            assertEquals(new GapScorer.Prediction(true, false),
                    GapScorer.Prediction.fromClusters(doc.withClusters(clusters), ex), "order " + clusters);
        }
        assertEquals(new GapScorer.Prediction(false, true),
                GapScorer.Prediction.fromClusters(doc.withClusters(List.of(brotherChain)), ex),
                "with no mention headed by the pronoun, a two-token mention around it stands for it");
    }
}
