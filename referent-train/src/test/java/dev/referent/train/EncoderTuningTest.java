package dev.referent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.Weights;
import dev.referent.text.TextAnalyzer;
import dev.referent.train.heads.EncoderLayersNet;
import dev.referent.train.heads.Params;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainable top encoder layers: same output as ONNX Runtime, and what training changes reaches the runtime. */
class EncoderTuningTest {

    private static final String TEXT = "The senator met the minister on Monday. She said he had agreed to the plan, "
            + "and the ministry confirmed it later.";

    private static WordEncoder encoder;
    private static CorefExample example;

    @BeforeAll
    static void setUp() {
        encoder = WordEncoder.load(EncoderSpec.MINILM_L6, 2, 0.25, new int[] {4, 5, 6});
        Document doc = new TextAnalyzer().analyze("t", TEXT);
        // gold: "The senator" ... "She"; "the minister" ... "he"
        doc = doc.withClusters(List.of(new Cluster(0, List.of(doc.mention(0, 2), doc.mention(8, 9))),
                new Cluster(1, List.of(doc.mention(3, 5), doc.mention(11, 12)))));
        example = CorefExample.of(doc, encoder.encode(doc.tokens().stream().map(t -> t.text()).toList()));
    }

    @AfterAll
    static void tearDown() {
        encoder.close();
    }

    @Test
    void djlLayersComputeWhatOnnxRuntimeComputes() {
        WordEncoder.Encoded enc = example.encoded();
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            EncoderLayersNet head = new EncoderLayersNet(new Params(manager, 1), manager,
                    WordEncoder.graph(EncoderSpec.MINILM_L6), 4, 2, 12);
            int pieces = enc.pieceCount();
            NDArray[] out = head.forward(step, enc, 0, encoder);
            assertEquals(2, out.length);
            for (int layer = 0; layer < 2; layer++) {
                float[] djl = out[layer].toFloatArray();
                int block = (layer + 1) * pieces * 384;
                double max = 0;
                for (int i = 0; i < djl.length; i++) {
                    max = Math.max(max, Math.abs(djl[i] - enc.pieces()[block + i]));
                }
                assertTrue(max < 1e-3, "layer " + (5 + layer) + " differs by " + max);
            }
        }
    }

    @Test
    void tunedLayerLearnsAndTheRuntimeGraphCarriesIt() throws IOException {
        TrainConfig config = TrainConfig.load(Path.of("experiments.ini"), "smoke").with("dropout", "0")
                .with("encoder", "all-minilm-l6-v2").with("layers", "4,5,6").with("tune_layers", "1")
                .with("encoder_learning_rate", "0.001");
        try (Trainer trainer = new Trainer(config, 384, Trainer.posLabels(List.of(example)), encoder)) {
            String name = "encoder.layer.5.output.dense.weight";
            float[] before = trainer.params().export().tensors().get(name).data().clone();
            float first = trainer.step(example);
            float last = first;
            for (int i = 0; i < 3; i++) {
                last = trainer.step(example);
            }
            assertTrue(Float.isFinite(last) && last < first, "loss " + first + " -> " + last);
            Weights weights = trainer.params().export();
            float[] after = weights.tensors().get(name).data();
            double moved = 0;
            for (int i = 0; i < after.length; i++) {
                moved = Math.max(moved, Math.abs(after[i] - before[i]));
            }
            assertTrue(moved > 1e-4, "the tuned layer did not change");
            // ONNX Runtime with the tuned parameters written into the graph gives the training side's vectors
            float[] expected = trainer.withCurrentEncoder(List.of(example)).get(0).encoded().pieces();
            try (WordEncoder tuned = WordEncoder.load(EncoderSpec.MINILM_L6, 2, 0.25, new int[] {4, 5, 6}, weights)) {
                float[] actual = tuned.encode(example.doc().tokens().stream().map(t -> t.text()).toList()).pieces();
                assertEquals(expected.length, actual.length);
                double max = 0;
                double changed = 0;
                for (int i = 0; i < actual.length; i++) {
                    max = Math.max(max, Math.abs(actual[i] - expected[i]));
                    changed = Math.max(changed, Math.abs(actual[i] - example.encoded().pieces()[i]));
                }
                assertTrue(max < 1e-3, "runtime differs from training by " + max);
                assertTrue(changed > 1e-3, "the runtime output did not change");
            }
        }
    }
}
