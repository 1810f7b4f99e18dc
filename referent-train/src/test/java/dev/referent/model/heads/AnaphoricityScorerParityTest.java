package dev.referent.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.doc.Document;
import dev.referent.model.Cancellation;
import dev.referent.train.heads.AnaphoricityScorerNet;
import dev.referent.train.heads.Params;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

/**
 * The fine pair scorer: {@link AnaphoricityScorerNet} (training, both its candidate-grid and its pair-list forms)
 * and {@link AnaphoricityScorer} (runtime, serial and on a pool) give the same score to every candidate pair.
 */
class AnaphoricityScorerParityTest {

    private static final int DIM = 16;
    private static final int HIDDEN = 12;
    private static final int K = 6;

    @Test
    void runtimePairScoresAreTheTrainingNetworks() {
        check(false);
    }

    /** The same with the syntax head's pair features (a wider feature layer), from a made-up analysis. */
    @Test
    void runtimePairScoresAreTheTrainingNetworksWithSyntaxFeatures() {
        check(true);
    }

    /** An analysis touching every syntax feature: each word headed by the one before, relations and attributes cycling. */
    static SyntaxHead.Analysis analysis(int n) {
        String[] relations = {"nsubj", "obj", "nmod:poss", "obl", "expl", "det", "iobj"};
        String[] numbers = {"Sing", "Plur", "_"};
        String[] types = {"person", "object", "animal", "_", "place"};
        String[] genders = {"Masc", "Fem", "Neut", "_"};
        int[] head = new int[n];
        String[] rel = new String[n];
        String[] number = new String[n];
        String[] type = new String[n];
        String[] gender = new String[n];
        for (int i = 0; i < n; i++) {
            head[i] = i % 4 == 0 ? -1 : i - 1 - (i % 2);
            rel[i] = relations[i % relations.length];
            number[i] = numbers[i % numbers.length];
            type[i] = types[i % types.length];
            gender[i] = genders[i % genders.length];
        }
        java.util.Map<String, String[]> attributes = new java.util.LinkedHashMap<>();
        attributes.put("Number", number);
        attributes.put("Entity", type);
        attributes.put("Gender", gender);
        return new SyntaxHead.Analysis(head, rel, attributes);
    }

    private static void check(boolean syntax) {
        Document doc = Parity.document();
        int n = doc.size();
        PairwiseFeatures features = new PairwiseFeatures(doc, null, syntax ? analysis(n) : null);
        int f = features.size();
        Random random = new Random(5);
        float[] u = Parity.random(n * DIM, random);
        // candidates: up to K earlier words in random order, as the coarse scorer would hand them over
        int[][] antecedents = new int[n][];
        int[][] grid = new int[n][K];
        float[] phi = new float[n * K * f];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> earlier = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                earlier.add(j);
            }
            Collections.shuffle(earlier, random);
            antecedents[i] = earlier.subList(0, Math.min(K, i)).stream().mapToInt(Integer::intValue).toArray();
            for (int c = 0; c < antecedents[i].length; c++) {
                grid[i][c] = antecedents[i][c];
                features.fill(i, antecedents[i][c], phi, (i * K + c) * f);
                pairs.add(new int[] {i, antecedents[i][c]});
            }
        }
        RoughScorer.Candidates candidates = new RoughScorer.Candidates(antecedents, new float[n][]);
        ForkJoinPool pool = new ForkJoinPool(2);
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 1);
            AnaphoricityScorerNet net = new AnaphoricityScorerNet(params, DIM, HIDDEN, 0.3f, f);
            Parity.randomize(params, 2);
            NDArray uArray = step.create(u, new Shape(n, DIM));
            float[] training = net.forward(step, uArray, grid, phi, false).toFloatArray();
            int[] anaphor = pairs.stream().mapToInt(p -> p[0]).toArray();
            int[] antecedent = pairs.stream().mapToInt(p -> p[1]).toArray();
            float[] pairPhi = new float[pairs.size() * f];
            for (int p = 0; p < pairs.size(); p++) {
                features.fill(anaphor[p], antecedent[p], pairPhi, p * f);
            }
            float[] trainingPairs = net.forwardPairs(step, uArray, anaphor, antecedent, pairPhi, false).toFloatArray();

            AnaphoricityScorer runtime = new AnaphoricityScorer(params.export());
            org.junit.jupiter.api.Assertions.assertEquals(syntax, runtime.readsSyntax());
            float[][] serial = runtime.score(u, n, DIM, candidates, features);
            float[][] pooled = runtime.score(u, n, DIM, candidates, features, pool, Cancellation.NONE);
            int p = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < antecedents[i].length; c++) {
                    String what = "pair score of word " + i + " with " + antecedents[i][c];
                    Parity.assertClose(training[i * K + c], serial[i][c], what);
                    Parity.assertClose(training[i * K + c], pooled[i][c], what + " (on a pool)");
                    Parity.assertClose(trainingPairs[p++], serial[i][c], what + " (training's pair-list form)");
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
