package dev.referent.model.decode;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.model.heads.RoughScorer;
import dev.referent.model.heads.SpanPredictor;
import dev.referent.model.heads.SyntaxHead;
import dev.referent.model.heads.Weights;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding on hand-made scores: the link threshold, the union of linked words, decoding steps. */
class ClustererTest {

    private static final int D = 2;

    /** "Ann met Bob . She left ." : She (4) -> Ann (0) scores 2, every other candidate -1. */
    private static final Document DOC = new TextAnalyzer().analyze("d", "Ann met Bob. She left.");

    @Test
    void aWordLinksToItsBestAntecedentAboveTheThreshold() {
        Clusterer.Result r = new Clusterer(spans(), 0f, List.of()).cluster(DOC, tags(), new float[DOC.size() * D], D,
                candidates(), fine());
        assertEquals(1, r.clusters().size());
        assertEquals(List.of(0, 4), heads(r.clusters().get(0)));
        // softmax over the candidates (2, -1, -1, -1) and the dummy (0)
        double z = Math.exp(2) + 3 * Math.exp(-1) + 1;
        assertEquals(Math.exp(2) / z, r.clusters().get(0).mentions().get(1).linkConfidence(), 1e-6);
        assertEquals(Math.exp(2) / z, r.antecedents().best(4), 1e-6);
    }

    @Test
    void aThresholdAboveTheBestScoreLinksNothing() {
        Clusterer.Result r = new Clusterer(spans(), 2.5f, List.of()).cluster(DOC, tags(), new float[DOC.size() * D], D,
                candidates(), fine());
        assertTrue(r.clusters().isEmpty());
    }

    @Test
    void decodingStepsJoinLinkedWordsInOrder() {
        DecodingStep joinBob = (doc, xpos, linked, join) -> {
            linked[2] = true;
            join.accept(0, 2);
        };
        Clusterer.Result r = new Clusterer(spans(), 0f, List.of(joinBob)).cluster(DOC, tags(),
                new float[DOC.size() * D], D, candidates(), fine());
        assertEquals(1, r.clusters().size());
        assertEquals(List.of(0, 2, 4), heads(r.clusters().get(0)));
    }

    @Test
    void anAgreementRuleRefusesTheBestLinkAndTakesTheBestCompatibleOne() {
        // "She met him. He left.": He (4) scores 2 with She (0) and 1 with him (2)
        Document doc = new TextAnalyzer().analyze("d", "She met him. He left.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[4][3] = 2; // He -> She
        c.scores()[4][1] = 1; // He -> him
        String[] tags = {"PRP", "VBD", "PRP", ".", "PRP", "VBD", "."};
        Clusterer none = new Clusterer(spans(), 0f, List.of());
        assertEquals(List.of(0, 4), heads(none.cluster(doc, tags, new float[doc.size() * D], D, c, fine(doc.size()))
                .clusters().get(0)));
        Clusterer gender = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE.withAgreement(EntityAgreement.of("gender")));
        assertEquals(List.of(2, 4), heads(gender.cluster(doc, tags, new float[doc.size() * D], D, c, fine(doc.size()))
                .clusters().get(0)));
    }

    @Test
    void aClusterRemembersWhatItsWordsSaid() {
        // "Ann said she left. He came." with she -> Ann; He's best antecedent Ann is refused through the cluster
        Document doc = new TextAnalyzer().analyze("d", "Ann said she left. He came.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[2][1] = 2; // she -> Ann
        c.scores()[5][4] = 3; // He -> Ann
        String[] tags = {"NNP", "VBD", "PRP", "VBD", ".", "PRP", "VBD", "."};
        Clusterer gender = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE.withAgreement(EntityAgreement.of("gender")));
        List<Cluster> clusters = gender.cluster(doc, tags, new float[doc.size() * D], D, c, fine(doc.size())).clusters();
        assertEquals(1, clusters.size());
        assertEquals(List.of(0, 2), heads(clusters.get(0)));
    }

    @Test
    void aWordLevelRuleRefusesADirectLinkButNotTheClusterOfAnAgreeingWord() {
        // "She met him. He left.": He -> She (2) is refused word to word, so He takes him (1)
        Document doc = new TextAnalyzer().analyze("d", "She met him. He left.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[4][3] = 2; // He -> She
        c.scores()[4][1] = 1; // He -> him
        String[] tags = {"PRP", "VBD", "PRP", ".", "PRP", "VBD", "."};
        Clusterer words = new Clusterer(spans(), 0f, List.of(),
                Clusterer.Rules.NONE.withWordAgreement(EntityAgreement.of("gender")));
        assertEquals(List.of(2, 4), heads(words.cluster(doc, tags, new float[doc.size() * D], D, c, fine(doc.size()))
                .clusters().get(0)));
        // "Ann said she left. He came.": He -> Ann is refused by the cluster rule (Ann's cluster holds "she") but
        // not word to word (a lone "Ann" says nothing of a gender)
        Document ann = new TextAnalyzer().analyze("d", "Ann said she left. He came.");
        RoughScorer.Candidates a = candidates(ann.size());
        a.scores()[2][1] = 2; // she -> Ann
        a.scores()[5][4] = 3; // He -> Ann
        String[] annTags = {"NNP", "VBD", "PRP", "VBD", ".", "PRP", "VBD", "."};
        List<Cluster> wordLevel = new Clusterer(spans(), 0f, List.of(),
                Clusterer.Rules.NONE.withWordAgreement(EntityAgreement.of("gender")))
                .cluster(ann, annTags, new float[ann.size() * D], D, a, fine(ann.size())).clusters();
        assertEquals(List.of(0, 2, 5), heads(wordLevel.get(0)));
        List<Cluster> clusterLevel = new Clusterer(spans(), 0f, List.of(),
                Clusterer.Rules.NONE.withAgreement(EntityAgreement.of("gender")))
                .cluster(ann, annTags, new float[ann.size() * D], D, a, fine(ann.size())).clusters();
        assertEquals(List.of(0, 2), heads(clusterLevel.get(0)));
    }

    @Test
    void bindingKeepsAPronounOutOfItsCoArgumentsCluster() {
        // "He thanked her ." : her (2) scores best with He (0), its verb's subject; with binding it stays alone
        Document doc = new TextAnalyzer().analyze("d", "He thanked her.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[2][1] = 2; // her -> He
        String[] tags = {"PRP", "VBD", "PRP", "."};
        SyntaxHead.Analysis tree = analysis(new int[] {1, -1, 1, 1}, new String[] {"nsubj", "root", "obj", "punct"},
                "_", "_", "_", "_");
        Clusterer free = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE);
        assertEquals(1, clusters(free, doc, tags, tree, c).size());
        Clusterer binding = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE.withBinding(true));
        assertTrue(clusters(binding, doc, tags, tree, c).isEmpty());
        // without an analysis the setting has nothing to read
        assertEquals(1, clusters(binding, doc, tags, null, c).size());
    }

    @Test
    void bindingHoldsThroughTheClusterAndSparesReflexives() {
        // "Lee saw himself ." : a reflexive may take its own subject
        Document doc = new TextAnalyzer().analyze("d", "Lee saw himself.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[2][1] = 2; // himself -> Lee
        String[] tags = {"NNP", "VBD", "PRP", "."};
        SyntaxHead.Analysis tree = analysis(new int[] {1, -1, 1, 1}, new String[] {"nsubj", "root", "obj", "punct"},
                "_", "_", "_", "_");
        Clusterer binding = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE.withBinding(true));
        assertEquals(1, clusters(binding, doc, tags, tree, c).size());
        // "Lee left . He saw him ." : He -> Lee, then him -> Lee is refused (Lee's cluster holds him's co-argument)
        Document two = new TextAnalyzer().analyze("d", "Lee left. He saw him.");
        RoughScorer.Candidates c2 = candidates(two.size());
        c2.scores()[3][2] = 2; // He -> Lee
        c2.scores()[5][4] = 2; // him -> Lee
        String[] tags2 = {"NNP", "VBD", ".", "PRP", "VBD", "PRP", "."};
        SyntaxHead.Analysis tree2 = analysis(new int[] {1, -1, 1, 4, -1, 4, 4},
                new String[] {"nsubj", "root", "punct", "nsubj", "root", "obj", "punct"}, "_", "_", "_", "_", "_", "_", "_");
        List<Cluster> clusters = clusters(binding, two, tags2, tree2, c2);
        assertEquals(1, clusters.size());
        assertEquals(List.of(0, 3), heads(clusters.get(0)));
    }

    @Test
    void anExpletiveTakesNoAntecedent() {
        // "The memo came . It is clear that ..." : It (4) parsed expl stays alone
        Document doc = new TextAnalyzer().analyze("d", "The memo came. It is clear.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[4][2] = 2; // It -> memo
        String[] tags = {"DT", "NN", "VBD", ".", "PRP", "VBZ", "JJ", "."};
        SyntaxHead.Analysis tree = analysis(new int[] {1, 2, -1, 2, 6, 6, -1, 6},
                new String[] {"det", "nsubj", "root", "punct", "expl", "cop", "root", "punct"},
                "_", "_", "_", "_", "_", "_", "_", "_");
        Clusterer linked = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE);
        assertEquals(1, clusters(linked, doc, tags, tree, c).size());
        Clusterer expletives = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE.withExpletives(true));
        assertTrue(clusters(expletives, doc, tags, tree, c).isEmpty());
    }

    @Test
    void theEntityTypeRuleReadsTheSyntaxHeadsTypes() {
        // "The memo came . He left ." : He (4) -> memo (1) refused when the head types "memo" as an object
        Document doc = new TextAnalyzer().analyze("d", "The memo came. He left.");
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[4][2] = 2; // He -> memo
        String[] tags = {"DT", "NN", "VBD", ".", "PRP", "VBD", "."};
        int[] heads = {1, 2, -1, 2, 5, -1, 5};
        String[] rel = {"det", "nsubj", "root", "punct", "nsubj", "root", "punct"};
        Clusterer typed = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE.withAgreement(EntityAgreement.of("entity-type")));
        assertTrue(clusters(typed, doc, tags, analysis(heads, rel, "_", "object", "_", "_", "_", "_", "_"), c).isEmpty());
        assertEquals(1, clusters(typed, doc, tags, analysis(heads, rel, "_", "person", "_", "_", "_", "_", "_"), c).size());
        // a plural common noun keeps its type beside its plural tag ("The memos came . He left .")
        Document plural = new TextAnalyzer().analyze("d", "The memos came. He left.");
        String[] pluralTags = {"DT", "NNS", "VBD", ".", "PRP", "VBD", "."};
        assertTrue(clusters(typed, plural, pluralTags, analysis(heads, rel, "_", "object", "_", "_", "_", "_", "_"), c)
                .isEmpty());
    }

    @Test
    void aChainOfPronounsTakesTheNameItsMembersScoreHighestAboveTheThreshold() {
        // "Ann met Bob . She left . Her dog barked ." : Her (7) -> She (4) scores 3, its best; She takes no antecedent;
        // Her -> Ann (0) scores 1 and Her -> Bob (2) 0.5, both above the threshold 0, so the pronouns' chain misses a name
        Document doc = new TextAnalyzer().analyze("d", "Ann met Bob. She left. Her dog barked.");
        String[] tags = {"NNP", "VBD", "NNP", ".", "PRP", "VBD", ".", "PRP$", "NN", "VBD", "."};
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[7][7 - 1 - 4] = 3;
        c.scores()[7][7 - 1 - 0] = 1;
        c.scores()[7][7 - 1 - 2] = 0.5f;
        Clusterer plain = new Clusterer(spans(), 0f, List.of(), Clusterer.Rules.NONE);
        List<Cluster> without = clusters(plain, doc, tags, null, c);
        assertEquals(1, without.size());
        assertEquals(List.of(4, 7), heads(without.get(0)));
        Clusterer chains = new Clusterer(spans(), 0f, List.of(),
                Clusterer.Rules.NONE.withPronounChains(Clusterer.PronounChains.PRONOUNS));
        List<Cluster> with = clusters(chains, doc, tags, null, c);
        assertEquals(1, with.size());
        assertEquals(List.of(0, 4, 7), heads(with.get(0)));
        // the name's mention carries the probability of the link that joined it: Her -> Ann in Her's softmax over its
        // seven candidates (3, -1, -1, 0.5, -1, -1, 1) and the dummy (0)
        double z = Math.exp(3) + Math.exp(1) + Math.exp(0.5) + 4 * Math.exp(-1) + 1;
        assertEquals(Math.exp(1) / z, with.get(0).mentions().stream().filter(m -> m.head() == 0).findFirst()
                .orElseThrow().linkConfidence(), 1e-6);
        // no name above the threshold: the chain stays as it is
        c.scores()[7][7 - 1 - 0] = -0.3f;
        c.scores()[7][7 - 1 - 2] = -0.1f;
        assertEquals(List.of(4, 7), heads(clusters(chains, doc, tags, null, c).get(0)));
        // a chain that holds a noun is not a chain of pronouns: "Her dog ... it" keeps its own antecedents
        c.scores()[7][7 - 1 - 0] = 1;
        String[] nounTags = {"NNP", "VBD", "NNP", ".", "NN", "VBD", ".", "PRP$", "NN", "VBD", "."};
        Document nounDoc = new TextAnalyzer().analyze("d", "Ann met Bob. Dog left. Her dog barked.");
        assertEquals(List.of(4, 7), heads(clusters(chains, nounDoc, nounTags, null, c).get(0)));
        // ... but it is a cluster without a name, which the wider scope names
        Clusterer unnamed = new Clusterer(spans(), 0f, List.of(),
                Clusterer.Rules.NONE.withPronounChains(Clusterer.PronounChains.UNNAMED));
        assertEquals(List.of(0, 4, 7), heads(clusters(unnamed, nounDoc, nounTags, null, c).get(0)));
        // a cluster that holds a name keeps it ("Dan left. Her dog ...": Dan tagged NNP) ...
        String[] nameTags = {"NNP", "VBD", "NNP", ".", "NNP", "VBD", ".", "PRP$", "NN", "VBD", "."};
        Document nameDoc = new TextAnalyzer().analyze("d", "Ann met Bob. Dan left. Her dog barked.");
        assertEquals(List.of(4, 7), heads(clusters(unnamed, nameDoc, nameTags, null, c).get(0)));
        // ... and one without he/she pronouns ("Dog left. Its dog ...") is no chain of this step
        Document itDoc = new TextAnalyzer().analyze("d", "Ann met Bob. Dog left. Its dog barked.");
        assertEquals(List.of(4, 7), heads(clusters(unnamed, itDoc, nounTags, null, c).get(0)));
        // with the syntax head's analysis, only a name it types as a person: "Ann" typed as a place is passed over for
        // "Bob", whom "Her" scores lower
        c.scores()[7][7 - 1 - 2] = 0.5f; // Her -> Bob
        int[] noHeads = new int[nounDoc.size()];
        java.util.Arrays.fill(noHeads, -1);
        String[] roots = new String[nounDoc.size()];
        java.util.Arrays.fill(roots, "root");
        SyntaxHead.Analysis typed = analysis(noHeads, roots, "place", "_", "person", "_", "_", "_", "_", "_", "_", "_", "_");
        assertEquals(List.of(2, 4, 7), heads(clusters(unnamed, nounDoc, nounTags, typed, c).get(0)));
        // an acronym is no person's name ("PTLD" took a patient's chain): the chain stays without a name
        Document acronymDoc = new TextAnalyzer().analyze("d", "Had PTLD test. Dog left. Her dog barked.");
        String[] acronymTags = {"VBD", "NNP", "NN", ".", "NN", "VBD", ".", "PRP$", "NN", "VBD", "."};
        c.scores()[7][7 - 1 - 1] = 2; // Her -> PTLD
        assertEquals(List.of(4, 7), heads(clusters(unnamed, acronymDoc, acronymTags, null, c).get(0)));
        assertEquals(Clusterer.PronounChains.PRONOUNS, Clusterer.PronounChains.of("true"));
        assertEquals(Clusterer.PronounChains.UNNAMED, Clusterer.PronounChains.of("unnamed"));
        assertThrows(IllegalArgumentException.class, () -> Clusterer.PronounChains.of("on"));
    }

    @Test
    void twoChainsOfDifferentGendersDoNotTakeOneName() {
        // "Ann met Bob . He left . His dog barked . She ran . Her cat sat ." : His -> He and Her -> She are the best
        // links; both chains score Ann (0) at 1, Her also Bob (2) at 0.5
        Document doc = new TextAnalyzer().analyze("d", "Ann met Bob. He left. His dog barked. She ran. Her cat sat.");
        String[] tags = {"NNP", "VBD", "NNP", ".", "PRP", "VBD", ".", "PRP$", "NN", "VBD", ".", "PRP", "VBD", ".",
                "PRP$", "NN", "VBD", "."};
        RoughScorer.Candidates c = candidates(doc.size());
        c.scores()[7][7 - 1 - 4] = 3;
        c.scores()[7][7 - 1 - 0] = 1;
        c.scores()[14][14 - 1 - 11] = 3;
        c.scores()[14][14 - 1 - 0] = 1;
        c.scores()[14][14 - 1 - 2] = 0.5f;
        Clusterer chains = new Clusterer(spans(), 0f, List.of(),
                Clusterer.Rules.NONE.withPronounChains(Clusterer.PronounChains.PRONOUNS));
        List<List<Integer>> clusters = clusters(chains, doc, tags, null, c).stream().map(ClustererTest::heads).toList();
        assertEquals(List.of(List.of(0, 4, 7), List.of(2, 11, 14)), clusters);
        // a chain of both genders takes no name
        c.scores()[14][14 - 1 - 11] = -1;
        c.scores()[14][14 - 1 - 7] = 3; // Her -> His
        List<List<Integer>> mixed = clusters(chains, doc, tags, null, c).stream().map(ClustererTest::heads).toList();
        assertEquals(List.of(List.of(4, 7, 14)), mixed);
    }

    private static SyntaxHead.Analysis analysis(int[] heads, String[] relations, String... entityTypes) {
        String[] number = new String[heads.length];
        java.util.Arrays.fill(number, "_");
        Map<String, String[]> attributes = new LinkedHashMap<>();
        attributes.put("Number", number);
        attributes.put("Entity", entityTypes);
        return new SyntaxHead.Analysis(heads, relations, attributes);
    }

    static RoughScorer.Candidates candidates(int n) {
        int[][] ants = new int[n][];
        float[][] scores = new float[n][];
        for (int i = 0; i < n; i++) {
            ants[i] = new int[i];
            scores[i] = new float[i];
            for (int j = 0; j < i; j++) {
                ants[i][j] = i - 1 - j; // nearest first
                scores[i][j] = -1;
            }
        }
        return new RoughScorer.Candidates(ants, scores);
    }

    static float[][] fine(int n) {
        float[][] fine = new float[n][];
        for (int i = 0; i < n; i++) {
            fine[i] = new float[i];
        }
        return fine;
    }

    private static List<Integer> heads(Cluster c) {
        return c.mentions().stream().map(Mention::head).sorted().toList();
    }

    private static String[] tags() {
        return new String[] {"NNP", "VBD", "NNP", ".", "PRP", "VBD", "."};
    }

    private static RoughScorer.Candidates candidates() {
        RoughScorer.Candidates c = candidates(DOC.size());
        c.scores()[4][3] = 2; // She -> Ann
        return c;
    }

    private static float[][] fine() {
        return fine(DOC.size());
    }

    /** A span predictor whose every score is 0: each head keeps a span within its sentence. */
    static SpanPredictor spans() {
        int s = 2;
        Map<String, Weights.Tensor> m = new LinkedHashMap<>();
        m.put("span.p.weight", new Weights.Tensor(new int[] {s, D}, new float[s * D]));
        m.put("span.p.bias", new Weights.Tensor(new int[] {s}, new float[s]));
        m.put("span.q.weight", new Weights.Tensor(new int[] {s, D}, new float[s * D]));
        m.put("span.dist", new Weights.Tensor(new int[] {5, s}, new float[5 * s]));
        m.put("span.out.weight", new Weights.Tensor(new int[] {2, s}, new float[2 * s]));
        m.put("span.out.bias", new Weights.Tensor(new int[] {2}, new float[2]));
        return new SpanPredictor(new Weights(m));
    }

    /** The clusters {@code clusterer} forms from candidates {@code c}, zero word vectors and zero fine scores. */
    private static List<Cluster> clusters(Clusterer clusterer, Document doc, String[] tags, SyntaxHead.Analysis syntax,
                                          RoughScorer.Candidates c) {
        return clusterer.cluster(doc, tags, syntax, new float[doc.size() * D], D, c, fine(doc.size())).clusters();
    }
}
