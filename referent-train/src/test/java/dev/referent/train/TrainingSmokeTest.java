package dev.referent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.referent.doc.Document;
import dev.referent.eval.io.DataPaths;
import dev.referent.model.CorefModel;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.Weights;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.WordHeadNet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Training on two documents: loss goes down, and the runtime model built from the weights runs. */
class TrainingSmokeTest {

    private static WordEncoder encoder;
    private static List<CorefExample> examples;

    @BeforeAll
    static void setUp() throws IOException {
        Path data = DataPaths.dataDir();
        boolean present = Files.isDirectory(data.resolve("ontogum"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("shared data missing at " + data);
        }
        assumeTrue(present);
        encoder = WordEncoder.load(EncoderSpec.BGE_SMALL, 2, 0.25, new int[] {6, 12}); // as [smoke]
        List<Document> docs = TrainingCorpus.documents(data, "dev").subList(0, 2);
        Path cache = Files.createTempDirectory("referent-cache");
        examples = TrainingCorpus.examples(docs, encoder, cache);
    }

    @AfterAll
    static void tearDown() {
        if (encoder != null) {
            encoder.close();
        }
    }

    private static TrainConfig smoke() throws IOException {
        return TrainConfig.load(Path.of("experiments.ini"), "smoke").with("dropout", "0");
    }

    @Test
    void lossGoesDownOnTwoDocuments() throws IOException {
        try (Trainer trainer = new Trainer(smoke().with("context", "lstm"), 384, Trainer.posLabels(examples))) {
            float before = trainer.step(examples.get(0)) + trainer.step(examples.get(1));
            float after = before;
            for (int i = 0; i < 2; i++) {
                after = trainer.step(examples.get(0)) + trainer.step(examples.get(1));
            }
            assertTrue(Float.isFinite(after) && after < before, "loss " + before + " -> " + after);
            Weights weights = trainer.params().export();
            CorefModel model = CorefModel.withEncoder(trainer.runtimeConfig("smoke", EncoderSpec.BGE_SMALL), weights, encoder);
            CorefModel.Prediction p = model.predict(examples.get(0).doc(), examples.get(0).encoded());
            assertEquals(examples.get(0).size(), p.xpos().length);
        }
    }

    /** GAP rows (pronoun-name labels only) train through their links, several to a step. */
    @Test
    void gapLinksLossGoesDown() throws IOException {
        List<CorefExample> gap = TrainingCorpus.gapExamples(TrainingCorpus.gap(DataPaths.dataDir(), "development", 0, 4),
                encoder, Files.createTempDirectory("referent-cache"));
        assertTrue(gap.stream().allMatch(CorefExample::isPartial));
        try (Trainer trainer = new Trainer(smoke(), 384, Trainer.posLabels(examples))) {
            float before = trainer.step(gap);
            float after = before;
            for (int i = 0; i < 4; i++) {
                after = trainer.step(gap);
            }
            assertTrue(before > 0 && Float.isFinite(after) && after < before, "loss " + before + " -> " + after);
        }
    }

    /**
     * What a step computes is released with it: the parameters' manager holds the same arrays afterwards (scalars
     * aside: DJL's Adam leaves a few scalar arrays there on every update).
     */
    @Test
    void stepsLeaveNoArraysBehind() throws IOException {
        try (Trainer trainer = new Trainer(smoke(), 384, Trainer.posLabels(examples))) {
            ai.djl.ndarray.NDManager base = trainer.params().arrays().get("word.mix").getManager();
            trainer.step(examples.get(0));
            long before = nonScalars(base);
            trainer.step(examples.get(1));
            trainer.step(examples.get(0));
            assertEquals(before, nonScalars(base));
        }
    }

    private static long nonScalars(ai.djl.ndarray.NDManager manager) {
        return manager.getManagedArrays().stream().filter(a -> a.getShape().dimension() > 0).count();
    }

    /** init_model: a model's weights loaded into freshly initialised heads give back the same weights. */
    @Test
    void weightsLoadBackIntoTheHeads() throws IOException {
        try (Trainer a = new Trainer(smoke().with("seed", "1"), 384, Trainer.posLabels(examples));
             Trainer b = new Trainer(smoke().with("seed", "2"), 384, Trainer.posLabels(examples))) {
            Weights original = a.params().export();
            assertEquals(original.tensors().size(), b.params().load(original).size());
            for (java.util.Map.Entry<String, Weights.Tensor> e : b.params().export().tensors().entrySet()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(original.tensors().get(e.getKey()).data(),
                        e.getValue().data(), e.getKey());
                org.junit.jupiter.api.Assertions.assertArrayEquals(original.tensors().get(e.getKey()).shape(),
                        e.getValue().shape(), e.getKey());
            }
        }
    }

    /**
     * PyTorch accumulates gradients: each step must start from zero, or it would see the sum of all earlier steps.
     * Adam clears them when it updates; a step skipped for a non-finite gradient updates nothing and must clear them
     * itself, or its NaN would make every later step skip too.
     */
    @Test
    void eachStepLeavesNoGradientBehind() throws IOException {
        try (Trainer trainer = new Trainer(smoke(), 384, Trainer.posLabels(examples))) {
            trainer.step(examples.get(0));
            trainer.step(examples.get(1));
            assertNoGradients(trainer);
            try (NDArray g = trainer.params().arrays().get("word.proj1.weight").getGradient()) {
                g.set(new ai.djl.ndarray.index.NDIndex("..."), Float.NaN); // as a broken backward pass leaves it
            }
            trainer.step(examples.get(0)); // skipped: its gradient adds to the NaN
            assertNoGradients(trainer);
        }
    }

    private static void assertNoGradients(Trainer trainer) {
        for (java.util.Map.Entry<String, NDArray> e : trainer.params().arrays().entrySet()) {
            if (e.getValue().getShape().size() > 0) {
                try (NDArray g = e.getValue().getGradient(); NDArray abs = g.abs(); NDArray max = abs.max()) {
                    assertEquals(0f, max.getFloat(), e.getKey());
                }
            }
        }
    }

    /**
     * The Java runtime computes the same word vectors as the DJL training graph from the same weights, context
     * LSTMs included.
     */
    @Test
    void runtimeWordVectorsMatchTheTrainingGraph() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            Params params = new Params(manager, 7);
            WordHeadNet head = new WordHeadNet(params, 384, 2, 32, 16, 0f, true, manager);
            params.arrays().get("word.mix").set(new float[] {0.3f, -0.5f}); // a mix that is not uniform
            params.arrays().get("word.mix.scale").set(new float[] {1.7f});
            CorefExample ex = examples.get(0);
            NDArray[] xu = head.forward(step, ex.encoded(), false);
            float[] u = xu[1].toFloatArray();
            // build a full weight set so the runtime model can load; only the word head is compared here
            try (Trainer trainer = new Trainer(smoke().with("word_dim", "16").with("proj_hidden", "32"), 384,
                    Trainer.posLabels(examples))) {
                java.util.Map<String, Weights.Tensor> all = new java.util.LinkedHashMap<>(trainer.params().export().tensors());
                all.putAll(params.export().tensors());
                CorefModel model = CorefModel.withEncoder(trainer.runtimeConfig("parity", EncoderSpec.BGE_SMALL),
                        new Weights(all), encoder);
                float[] runtime = model.wordVectors(ex.encoded());
                assertEquals(u.length, runtime.length);
                for (int i = 0; i < u.length; i++) {
                    assertEquals(u[i], runtime[i], 1e-4, "component " + i);
                }
            }
        }
    }
}
