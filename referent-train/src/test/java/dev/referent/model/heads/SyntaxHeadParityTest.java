package dev.referent.model.heads;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.SyntaxHeadNet;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The syntax head: {@link SyntaxHeadNet} (training) and {@link SyntaxHead} (runtime, its input layer in Java and on
 * ONNX Runtime) give the same arc, relation and attribute scores, and the runtime's analysis takes their argmax.
 */
class SyntaxHeadParityTest {

    private static final int IN = 20;
    private static final List<String> RELATIONS = List.of("dep", "nsubj", "obj", "root", "det", "punct");
    private static final Map<String, List<String>> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("Number", List.of("_", "Plur", "Sing"));
        ATTRIBUTES.put("Entity", List.of("_", "person", "place", "object"));
    }

    @Test
    void runtimeScoresAreTheTrainingNetworks() {
        check(0);
    }

    @Test
    void runtimeScoresAreTheTrainingNetworksWithContextLstms() {
        check(4);
    }

    private static void check(int context) {
        int s = 7;
        float[] x = Parity.random(s * IN, new Random(5));
        int[] heads = {1, 7, 1, 4, 1, 1, 3}; // sentence-relative, 7 = the root
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 1);
            SyntaxHeadNet net = new SyntaxHeadNet(params, manager, IN, context, 8, 6, 5, RELATIONS.size(),
                    List.copyOf(ATTRIBUTES.keySet()), new int[] {3, 4}, 0.3f);
            Parity.randomize(params, 3);
            SyntaxHeadNet.Output out = net.forward(step, step.create(x, new Shape(s, IN)), heads, false);
            float[] arcs = out.arcs().toFloatArray();
            float[] relations = out.relationLogits().toFloatArray();
            for (boolean onnx : new boolean[] {false, true}) {
                try (SyntaxHead runtime = new SyntaxHead(params.export(), RELATIONS, ATTRIBUTES, onnx)) {
                    String side = onnx ? "ONNX input layer" : "Java input layer";
                    SyntaxHead.Scores scores = runtime.scores(x, s, heads);
                    Parity.assertClose(arcs, scores.arcs(), side + ": arc scores");
                    Parity.assertClose(relations, scores.relationLogits(), side + ": relation logits");
                    for (int a = 0; a < 2; a++) {
                        Parity.assertClose(out.attributeLogits()[a].toFloatArray(), scores.attributeLogits()[a],
                                side + ": attribute " + a);
                    }
                    SyntaxHead.Analysis analysis = runtime.analyze(x, s, IN, new int[] {3, s});
                    // the analysis decides within each sentence: [0, 3) and [3, 7)
                    int[] ends = {3, 3, 3, s, s, s, s};
                    int[] starts = {0, 0, 0, 3, 3, 3, 3};
                    for (int i = 0; i < s; i++) {
                        SyntaxHead.Scores sentence = runtime.scores(
                                java.util.Arrays.copyOfRange(x, starts[i] * IN, ends[i] * IN), ends[i] - starts[i], null);
                        int len = ends[i] - starts[i];
                        int row = i - starts[i];
                        int best = len;
                        for (int j = 0; j < len; j++) {
                            if (j != row && sentence.arcs()[row * (len + 1) + j] > sentence.arcs()[row * (len + 1) + best]) {
                                best = j;
                            }
                        }
                        assertEquals(best == len ? -1 : starts[i] + best, analysis.head()[i], side + ": head of word " + i);
                        int r = RELATIONS.size();
                        assertEquals(RELATIONS.get(SyntaxHead.argmax(sentence.relationLogits(), row * r, r)), analysis.relation()[i],
                                side + ": relation of word " + i);
                        int a = 0;
                        for (Map.Entry<String, List<String>> e : ATTRIBUTES.entrySet()) {
                            int k = e.getValue().size();
                            assertEquals(e.getValue().get(SyntaxHead.argmax(sentence.attributeLogits()[a++], row * k, k)),
                                    analysis.attribute(e.getKey(), i), side + ": " + e.getKey() + " of word " + i);
                        }
                    }
                }
            }
        }
    }
}
