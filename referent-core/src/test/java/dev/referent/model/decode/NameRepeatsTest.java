package dev.referent.model.decode;

import dev.referent.doc.Document;
import dev.referent.model.heads.SyntaxHead;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Repeated names joined to their first occurrence, linked by the scorers or not. */
class NameRepeatsTest {

    // Cres(0) Eastman(1) met(2) Career(3) Week(4) .(5) Eastman(6) liked(7) Career(8) Week(9) .(10)
    // Australian(11) fans(12) met(13) Australian(14) fans(15) .(16) January(17) came(18) ,(19) January(20) went(21) .(22)
    // java(23) runs(24) ;(25) java(26) runs(27) .(28)
    private static final Document DOC = new TextAnalyzer().analyze("d", "Cres Eastman met Career Week. Eastman liked "
            + "Career Week. Australian fans met Australian fans. January came, January went. java runs; java runs.");
    private static final String[] TAGS = {"NNP", "NNP", "VBD", "NNP", "NNP", ".", "NNP", "VBD", "NNP", "NNP", ".",
            "NNP", "NNS", "VBD", "NNP", "NNS", ".", "NNP", "VBD", ",", "NNP", "VBD", ".", "NNP", "VBZ", ":", "NNP",
            "VBZ", "."};
    // "Career Week" is headed by "Week" (compound); "Cres Eastman" by "Cres" (flat)
    private static final int[] HEADS = {2, 0, -1, 4, 2, 2, 7, -1, 9, 7, 7, 12, 13, -1, 15, 13, 13, 18, -1, 21, 21, -1,
            21, 24, -1, 24, 27, 24, 24};
    private static final String[] RELATIONS = {"nsubj", "flat", "root", "compound", "obj", "punct", "nsubj", "root",
            "compound", "obj", "punct", "amod", "nsubj", "root", "amod", "obj", "punct", "nsubj", "root", "punct",
            "nsubj", "conj", "punct", "nsubj", "root", "punct", "nsubj", "parataxis", "punct"};
    private static final String[] TYPES = {"person", "_", "_", "_", "event", "_", "person", "_", "_", "event", "_",
            "_", "person", "_", "_", "person", "_", "time", "_", "_", "time", "_", "_", "object", "_", "_", "object",
            "_", "_"};

    @Test
    void joinsExactRepeatsAndAPersonsSurnameWhateverTheScorersLinked() {
        assertEquals(29, DOC.size());
        boolean[] linked = new boolean[DOC.size()];
        // the later "Career Week" is joined by its syntactic head, the earlier "Eastman" run by the word it ends
        assertEquals(List.of("0-6", "4-9"), joins(linked));
    }

    @Test
    void aWordTheScorersLinkedStandsForItsName() {
        boolean[] linked = new boolean[DOC.size()];
        linked[3] = true; // the scorers linked "Career" of the first "Career Week"
        assertEquals(List.of("0-6", "3-9"), joins(linked));
    }

    @Test
    void adjectivalNamesTimesAndLowerCaseRunsAreNotNames() {
        boolean[] linked = new boolean[DOC.size()];
        Arrays.fill(linked, 11, DOC.size(), true);
        assertEquals(List.of("0-6", "4-9"), joins(linked)); // Australian (amod), January (time), java (lower case)
    }

    @Test
    void theClustererJoinsWordsTheScorersLeftAlone() {
        Map<String, String[]> attributes = new LinkedHashMap<>();
        attributes.put("Entity", TYPES);
        SyntaxHead.Analysis syntax = new SyntaxHead.Analysis(HEADS, RELATIONS, attributes);
        int n = DOC.size();
        int[][] ants = new int[n][];
        float[][] scores = new float[n][];
        float[][] fine = new float[n][];
        for (int i = 0; i < n; i++) {
            ants[i] = new int[0];
            scores[i] = new float[0];
            fine[i] = new float[0];
        }
        var candidates = new dev.referent.model.heads.RoughScorer.Candidates(ants, scores);
        Clusterer without = new Clusterer(ClustererTest.spans(), 0f, List.of(), EntityAgreement.of("none"), false,
                false, false, false);
        assertEquals(0, without.cluster(DOC, TAGS, syntax, new float[n * 2], 2, candidates, fine).clusters().size());
        Clusterer with = new Clusterer(ClustererTest.spans(), 0f, List.of(), EntityAgreement.of("none"), false,
                false, false, true);
        var clusters = with.cluster(DOC, TAGS, syntax, new float[n * 2], 2, candidates, fine).clusters();
        assertEquals(2, clusters.size());
        // the scorers gave these links no probability (the earlier name was none of the later one's candidates)
        assertEquals(0.0, clusters.get(0).mentions().get(0).linkConfidence());
    }

    private static List<String> joins(boolean[] linked) {
        Map<String, String[]> attributes = new LinkedHashMap<>();
        attributes.put("Entity", TYPES);
        List<String> out = new ArrayList<>();
        NameRepeats.link(DOC, TAGS, new SyntaxHead.Analysis(HEADS, RELATIONS, attributes), linked,
                (a, b) -> out.add(a + "-" + b));
        return out;
    }
}
