package dev.referent.rewrite;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.WordSyntax;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplacementFeaturesTest {

    /** A syntax analysis that knows the entity type and relation of a few words. */
    private static WordSyntax syntax(Map<Integer, String> types, Map<Integer, String> relations) {
        return new WordSyntax() {
            @Override
            public String relation(int word) {
                return relations.getOrDefault(word, NO_VALUE);
            }

            @Override
            public String attribute(String attribute, int word) {
                return attribute.equals("Entity") ? types.getOrDefault(word, NO_VALUE) : NO_VALUE;
            }
        };
    }

    private static double feature(double[] f, String name) {
        return f[ReplacementFeatures.NAMES.indexOf(name)];
    }

    private static Mention mentionAt(Cluster c, int token) {
        return c.mentions().stream().filter(m -> m.tokenStart() == token).findFirst().orElseThrow();
    }

    private static Representative representative(Mention m) {
        return new Representative(m, m.text(), false, false, false);
    }

    // tokens: Kim(0) met(1) the(2) tool(3) .(4) She(5) liked(6) it(7) .(8)
    private final Document doc = Markup.parse("[Kim|1] met the [tool|2]. [She|1] liked [it|2].");
    private final AntecedentScores scores = new AntecedentScores(
            new int[][] {{}, {}, {}, {}, {}, {0, 3}, {}, {3, 5}, {}},
            new float[][] {{}, {}, {}, {}, {}, {0.7f, 0.2f}, {}, {0.4f, 0.5f}, {}});

    @Test
    void theSyntaxHeadsEntityTypesAndRolesReachTheFeatures() {
        WordSyntax analysis = syntax(Map.of(0, "person", 3, "object", 5, "person", 7, "person"), Map.of(0, "nsubj"));
        ReplacementFeatures features = new ReplacementFeatures(doc, scores, analysis);
        Cluster kim = doc.clusters().get(0);
        Cluster tool = doc.clusters().get(1);
        double[] she = features.of(kim, mentionAt(kim, 5), representative(mentionAt(kim, 0)));
        assertEquals(0.7, feature(she, "p_entity"), 1e-6);
        assertEquals(0.7, feature(she, "p_representative"), 1e-6);
        assertEquals(0, feature(she, "type_mismatch"), "a person for a person");
        assertEquals(1, feature(she, "representative_subject"));
        assertEquals(0, feature(she, "rival_subject"), "the nearest person subject is Kim herself");
        assertEquals(0, feature(she, "previous_is_pronoun"));
        assertEquals(Math.log1p(1), feature(she, "previous_sentences"), 1e-9);
        assertEquals(Math.log(2), feature(she, "mentions"), 1e-9);
        double[] it = features.of(tool, mentionAt(tool, 7), representative(mentionAt(tool, 3)));
        assertEquals(0.4, feature(it, "p_entity"), 1e-6, "the probability on the other entity's 'She' does not count");
        assertEquals(1, feature(it, "type_mismatch"), "the head takes 'it' for a person and 'tool' for an object");
        assertEquals(0, feature(it, "representative_subject"));
    }

    @Test
    void withoutASyntaxHeadItsFeaturesSayNothing() {
        ReplacementFeatures features = new ReplacementFeatures(doc, scores, WordSyntax.NONE);
        Cluster tool = doc.clusters().get(1);
        double[] it = features.of(tool, mentionAt(tool, 7), representative(mentionAt(tool, 3)));
        assertEquals(0, feature(it, "type_mismatch"));
        assertEquals(0, feature(it, "representative_subject"));
    }

    /**
     * The features of replacing the word at {@code pronoun} by the first mention of the first cluster, without
     * antecedent scores.
     */
    private static double[] firstEntityAt(Document doc, WordSyntax analysis, int pronoun) {
        Cluster first = doc.clusters().get(0);
        AntecedentScores none = new AntecedentScores(new int[doc.size()][0], new float[doc.size()][0]);
        return new ReplacementFeatures(doc, none, analysis).of(first, mentionAt(first, pronoun),
                representative(first.mentions().get(0)));
    }

    @Test
    void aPronounAfterAPronounOfItsEntityIsAChain() {
        // tokens: Kim(0) left(1) .(2) She(3) came(4) back(5) .(6) She(7) sat(8) .(9)
        double[] f = firstEntityAt(Markup.parse("[Kim|1] left. [She|1] came back. [She|1] sat."), WordSyntax.NONE, 7);
        assertEquals(1, feature(f, "previous_is_pronoun"));
        assertEquals(Math.log1p(1), feature(f, "previous_sentences"), 1e-9);
        assertEquals(Math.log1p(2), feature(f, "sentences_back"), 1e-9);
        assertEquals(0, feature(f, "p_representative"));
    }

    @Test
    void anotherEntitysSubjectInBetweenIsARival() {
        // tokens: Kim(0) left(1) .(2) Lee(3) came(4) .(5) She(6) sat(7) .(8)
        Document doc = Markup.parse("[Kim|1] left. [Lee|2] came. [She|1] sat.");
        Map<Integer, String> persons = Map.of(0, "person", 3, "person", 6, "person");
        double[] rival = firstEntityAt(doc, syntax(persons, Map.of(0, "nsubj", 3, "nsubj", 6, "nsubj")), 6);
        assertEquals(1, feature(rival, "rival_subject"), "Lee is the person subject just before 'She'");
        double[] object = firstEntityAt(doc, syntax(persons, Map.of(0, "nsubj", 3, "obj", 6, "nsubj")), 6);
        assertEquals(0, feature(object, "rival_subject"), "no subject of another entity: Kim's is the nearest");
        double[] place = firstEntityAt(doc, syntax(Map.of(0, "person", 3, "place", 6, "person"),
                Map.of(0, "nsubj", 3, "nsubj", 6, "nsubj")), 6);
        assertEquals(0, feature(place, "rival_subject"), "a place is no rival for a person");
    }
}
