package dev.referent.eval.score;

import dev.referent.doc.Document;
import dev.referent.eval.TestData;
import dev.referent.eval.io.ConllReader;
import dev.referent.eval.io.DataPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CorefScorerTest {

    private static List<List<Long>> chains(int[][]... clusters) {
        return java.util.Arrays.stream(clusters)
                .map(c -> java.util.Arrays.stream(c).map(m -> CorefScorer.spanKey(m[0], m[1])).toList())
                .toList();
    }

    private static int[] m(int token) {
        return new int[] {token, token};
    }

    /** The worked example of Moosavi and Strube (2016): key {a b c} {d e f g}, response {a b} {c d} {f g h i}. */
    @Test
    void leaMatchesThePaperExample() {
        int a = 0, b = 1, c = 2, d = 3, e = 4, f = 5, g = 6, h = 7, i = 8;
        var key = chains(new int[][] {m(a), m(b), m(c)}, new int[][] {m(d), m(e), m(f), m(g)});
        var response = chains(new int[][] {m(a), m(b)}, new int[][] {m(c), m(d)}, new int[][] {m(f), m(g), m(h), m(i)});
        Score lea = CorefScorer.scoreDocument(key, response).scores().get(Metric.LEA);
        assertEquals((3 * (1 / 3.0) + 4 * (1 / 6.0)) / 7, lea.recall(), 1e-9);
        assertEquals((2 * 1.0 + 2 * 0.0 + 4 * (1 / 6.0)) / 8, lea.precision(), 1e-9);
    }

    @Test
    void leaCountsSingletonsThroughSelfLinks() {
        var key = chains(new int[][] {m(0)}, new int[][] {m(1), m(2)});
        var response = chains(new int[][] {m(0)}, new int[][] {m(1)}, new int[][] {m(2)});
        Score lea = CorefScorer.scoreDocument(key, response).scores().get(Metric.LEA);
        assertEquals(1.0 / 3, lea.recall(), 1e-9); // only the singleton {0} is resolved
        assertEquals(1.0 / 3, lea.precision(), 1e-9);
    }

    @Test
    void identicalResponseScoresPerfectly() {
        var key = chains(new int[][] {m(0), m(3), new int[] {5, 7}}, new int[][] {m(1), m(9)});
        CorefScorer.DocumentScore s = CorefScorer.scoreDocument(key, key);
        for (Metric metric : List.of(Metric.MUC, Metric.BCUBED, Metric.CEAFE, Metric.CEAFM, Metric.LEA)) {
            assertEquals(1.0, s.scores().get(metric).f1(), 1e-9, metric.label());
        }
        assertEquals(1.0, s.blanc().f1(), 1e-9);
    }

    @Test
    void emptyResponseScoresZero() {
        var key = chains(new int[][] {m(0), m(3)});
        CorefScorer.DocumentScore s = CorefScorer.scoreDocument(key, List.of());
        assertEquals(0.0, s.scores().get(Metric.MUC).f1());
        assertEquals(0.0, s.scores().get(Metric.CEAFE).f1());
    }

    /**
     * The OntoGUM keys against themselves: PROVENANCE.txt reports the official scorer's self-vs-self MUC F1
     * (below 100 where one span sits in two clusters): dev 99.94, test 100.
     */
    @Test
    void ontogumKeysAgainstThemselvesMatchTheOfficialScorer() throws IOException {
        Path data = TestData.dir();
        for (var split : List.of(new Object[] {"dev", 99.94}, new Object[] {"test", 100.0})) {
            List<Document> docs = new ConllReader().read(DataPaths.ontogumKey(data, (String) split[0]));
            CorefScorer.Report report = new CorefScorer().score(docs, docs);
            assertEquals(30, report.documents());
            assertEquals((double) split[1], Math.floor(report.f1(Metric.MUC) * 10000) / 100, 0.0051, "MUC " + split[0]);
            assertEquals(1.0, report.f1(Metric.BCUBED), 0.001);
        }
    }
}
