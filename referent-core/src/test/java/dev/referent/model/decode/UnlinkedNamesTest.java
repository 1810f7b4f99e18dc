package dev.referent.model.decode;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.model.heads.RoughScorer;
import dev.referent.model.heads.SyntaxHead;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Repeated names joined to their first occurrence whether or not the scorers linked them. */
class UnlinkedNamesTest {

    // Cres(0) Eastman(1) met(2) Career(3) Week(4) .(5) Eastman(6) liked(7) Career(8) Week(9) .(10)
    // Australian(11) fans(12) met(13) Australian(14) fans(15) .(16) January(17) came(18) ,(19) January(20) went(21) .(22)
    // java(23) runs(24) ;(25) java(26) runs(27) .(28) George(29) Washington(30) left(31) .(32) Washington(33) grew(34)
    // .(35) Week(36) ended(37) .(38)
    private static final Document DOC = new TextAnalyzer().analyze("d", "Cres Eastman met Career Week. Eastman liked "
            + "Career Week. Australian fans met Australian fans. January came, January went. java runs; java runs. "
            + "George Washington left. Washington grew. Week ended.");
    private static final String[] TAGS = {"NNP", "NNP", "VBD", "NNP", "NNP", ".", "NNP", "VBD", "NNP", "NNP", ".",
            "NNP", "NNS", "VBD", "NNP", "NNS", ".", "NNP", "VBD", ",", "NNP", "VBD", ".", "NNP", "VBZ", ":", "NNP",
            "VBZ", ".", "NNP", "NNP", "VBD", ".", "NNP", "VBD", ".", "NNP", "VBD", "."};
    // "Career Week" is headed by "Week" (compound), "Cres Eastman" and "George Washington" by their first word (flat)
    private static final int[] HEADS = {2, 0, -1, 4, 2, 2, 7, -1, 9, 7, 7, 12, 13, -1, 15, 13, 13, 18, -1, 21, 21, 18,
            18, 24, -1, 24, 27, 24, 24, 31, 29, -1, 31, 34, -1, 34, 37, -1, 37};
    private static final String[] RELATIONS = {"nsubj", "flat", "root", "compound", "obj", "punct", "nsubj", "root",
            "compound", "obj", "punct", "amod", "nsubj", "root", "amod", "obj", "punct", "nsubj", "root", "punct",
            "nsubj", "conj", "punct", "nsubj", "root", "punct", "nsubj", "parataxis", "punct", "nsubj", "flat", "root",
            "punct", "nsubj", "root", "punct", "nsubj", "root", "punct"};

    @Test
    void joinsExactRepeatsAndTheEndingOfAPersonsName() {
        assertEquals(39, DOC.size());
        // "Eastman" ends the person "Cres Eastman"; the later "Career Week" stands by its head "Week"; Australian
        // (amod), January (a time) and java (lower case) are no names; "Washington" the place does not end the person
        // "George Washington", and "Week" does not end "Career Week", an event
        assertEquals(List.of("0-6", "4-9"), joins(types("place")));
        // the same place typed a person (or untyped) is the person's surname
        assertEquals(List.of("0-6", "4-9", "29-33"), joins(types("person")));
        assertEquals(List.of("0-6", "4-9", "29-33"), joins(types("_")));
    }

    @Test
    void aTitledSurnameEndsAnEarlierFullName() {
        // Professor(0) Cres(1) Eastman(2) spoke(3) .(4) Professor(5) Eastman(6) agreed(7) .(8) Acme(9) Eastman(10)
        // grew(11) .(12) Dr.(13) Eastman(14) left(15) .(16)
        Document doc = new TextAnalyzer().analyze("d",
                "Professor Cres Eastman spoke. Professor Eastman agreed. Acme Eastman grew. Dr. Eastman left.");
        String[] tags = {"NNP", "NNP", "NNP", "VBD", ".", "NNP", "NNP", "VBD", ".", "NNP", "NNP", "VBD", ".", "NNP",
                "NNP", "VBD", "."};
        SyntaxHead.Analysis syntax = analysis(new int[] {2, 2, 3, -1, 3, 6, 7, -1, 7, 10, 11, -1, 11, 14, 15, -1, 15},
                new String[] {"compound", "compound", "nsubj", "root", "punct", "compound", "nsubj", "root", "punct",
                        "compound", "nsubj", "root", "punct", "compound", "nsubj", "root", "punct"},
                "_", "_", "person", "_", "_", "_", "person", "_", "_", "_", "_", "_", "_", "_", "person", "_", "_");
        assertEquals(17, doc.size());
        List<String> out = new ArrayList<>();
        UnlinkedNames.link(doc, tags, syntax, (a, b) -> out.add(a + "-" + b));
        // "Professor Eastman" is "Eastman" after its title, the ending of the person "Professor Cres Eastman"; "Acme
        // Eastman" starts with no title, so it is another name; any personal title is set aside, not only the same
        // one ("Dr. Eastman"), as the bare "Eastman" would be
        assertEquals(List.of("2-6", "2-14"), out);
    }

    @Test
    void aNameStandsByItsHeadNotByAModifierTheScorersLinked() {
        // Acme(0) President(1) Barack(2) Obama(3) spoke(4) .(5) Acme(6) agreed(7) .(8) Barack(9) Obama(10) left(11) .(12)
        Document doc = new TextAnalyzer().analyze("d", "Acme President Barack Obama spoke. Acme agreed. Barack Obama left.");
        String[] tags = {"NNP", "NNP", "NNP", "NNP", "VBD", ".", "NNP", "VBD", ".", "NNP", "NNP", "VBD", "."};
        SyntaxHead.Analysis syntax = analysis(new int[] {2, 2, 4, 2, -1, 4, 7, -1, 7, 11, 9, -1, 11},
                new String[] {"compound", "compound", "nsubj", "flat", "root", "punct", "nsubj", "root", "punct",
                        "nsubj", "flat", "root", "punct"},
                "organization", "_", "person", "_", "_", "_", "organization", "_", "_", "person", "_", "_", "_");
        RoughScorer.Candidates c = ClustererTest.candidates(doc.size());
        c.scores()[6][6 - 1 - 0] = 2; // the scorers link the company's second mention to the modifier "Acme"
        assertEquals(List.of(List.of(0, 6), List.of(2, 9)), heads(clusterer(0f).cluster(doc, tags, syntax,
                new float[doc.size() * 2], 2, c, ClustererTest.fine(doc.size())).clusters()));
    }

    @Test
    void aJoinTheAgreementRulesRefuseIsNotMadeAndAJoinCarriesTheScorersProbability() {
        // Mary(0) Smith(1) sang(2) .(3) She(4) left(5) .(6) Smith(7) said(8) he(9) won(10) .(11)
        String[] tags = {"NNP", "NNP", "VBD", ".", "PRP", "VBD", ".", "NNP", "VBD", "PRP", "VBD", "."};
        SyntaxHead.Analysis syntax = analysis(new int[] {2, 0, -1, 2, 5, -1, 5, 8, -1, 10, 8, 8},
                new String[] {"nsubj", "flat", "root", "punct", "nsubj", "root", "punct", "nsubj", "root", "nsubj",
                        "ccomp", "punct"},
                "person", "_", "_", "_", "person", "_", "_", "person", "_", "person", "_", "_");
        Document doc = new TextAnalyzer().analyze("d", "Mary Smith sang. She left. Smith said he won.");
        RoughScorer.Candidates c = ClustererTest.candidates(doc.size());
        c.scores()[4][4 - 1 - 0] = 2;  // She -> Mary
        c.scores()[9][9 - 1 - 7] = 2;  // he -> Smith
        c.scores()[7][7 - 1 - 0] = 1;  // Smith -> Mary and Smith -> She: below the threshold 1.5
        c.scores()[7][7 - 1 - 4] = 0.5f;
        Clusterer.Rules gender = Clusterer.Rules.NONE.withUnlinkedNames(true).withAgreement(EntityAgreement.of("gender"));
        assertEquals(List.of(List.of(0, 4), List.of(7, 9)), heads(new Clusterer(ClustererTest.spans(), 1.5f, List.of(),
                gender).cluster(doc, tags, syntax, new float[doc.size() * 2], 2, c, ClustererTest.fine(doc.size()))
                .clusters()));
        assertEquals(List.of(List.of(0, 4, 7, 9)), heads(clusterer(1.5f).cluster(doc, tags, syntax,
                new float[doc.size() * 2], 2, c, ClustererTest.fine(doc.size())).clusters()));
        // the scorers left "Smith" alone: its mention carries the best share of its antecedent distribution on Mary
        // Smith's cluster, the softmax of its score for "Mary" (1) among (1, 0.5 for "She", -1 for the five other
        // words) and the dummy (0)
        Document alone = new TextAnalyzer().analyze("d", "Mary Smith sang. She left. Smith said it won.");
        RoughScorer.Candidates scores = ClustererTest.candidates(alone.size());
        scores.scores()[4][4 - 1 - 0] = 2;
        scores.scores()[7][7 - 1 - 0] = 1;
        scores.scores()[7][7 - 1 - 4] = 0.5f;
        Cluster mary = clusterer(1.5f).cluster(alone, tags, syntax, new float[alone.size() * 2], 2, scores,
                ClustererTest.fine(alone.size())).clusters().get(0);
        double z = Math.exp(1) + Math.exp(0.5) + 5 * Math.exp(-1) + 1;
        Mention smith = mary.mentions().stream().filter(m -> m.head() == 7).findFirst().orElseThrow();
        assertEquals(Math.exp(1) / z, smith.linkConfidence(), 1e-6);
    }

    @Test
    void theRuleIsOffUnlessTheRulesAskForIt() {
        RoughScorer.Candidates c = ClustererTest.candidates(DOC.size());
        SyntaxHead.Analysis syntax = analysis(HEADS, RELATIONS, types("place"));
        Clusterer off = new Clusterer(ClustererTest.spans(), 0f, List.of(), Clusterer.Rules.NONE);
        assertEquals(List.of(), heads(off.cluster(DOC, TAGS, syntax, new float[DOC.size() * 2], 2, c,
                ClustererTest.fine(DOC.size())).clusters()));
        assertEquals(List.of(List.of(0, 6), List.of(4, 9)), heads(clusterer(0f).cluster(DOC, TAGS, syntax,
                new float[DOC.size() * 2], 2, c, ClustererTest.fine(DOC.size())).clusters()));
    }

    /** The entity types of DOC's words, with {@code washington} for the second "Washington". */
    private static String[] types(String washington) {
        String[] t = new String[DOC.size()];
        java.util.Arrays.fill(t, "_");
        t[0] = "person";
        t[4] = "event";
        t[6] = "person";
        t[9] = "event";
        t[12] = "person";
        t[15] = "person";
        t[17] = "time";
        t[20] = "time";
        t[23] = "object";
        t[26] = "object";
        t[29] = "person";
        t[33] = washington;
        return t;
    }

    private static List<String> joins(String[] types) {
        List<String> out = new ArrayList<>();
        UnlinkedNames.link(DOC, TAGS, analysis(HEADS, RELATIONS, types), (a, b) -> out.add(a + "-" + b));
        return out;
    }

    private static Clusterer clusterer(float threshold) {
        return new Clusterer(ClustererTest.spans(), threshold, List.of(), Clusterer.Rules.NONE.withUnlinkedNames(true));
    }

    private static SyntaxHead.Analysis analysis(int[] heads, String[] relations, String... types) {
        Map<String, String[]> attributes = new LinkedHashMap<>();
        attributes.put("Entity", types);
        return new SyntaxHead.Analysis(heads, relations, attributes);
    }

    private static List<List<Integer>> heads(List<Cluster> clusters) {
        return clusters.stream().map(cl -> cl.mentions().stream().map(Mention::head).sorted().toList())
                .sorted(java.util.Comparator.comparing(l -> l.get(0))).toList();
    }
}
