package dev.referent.train;

import dev.referent.model.heads.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelAverageTest {

    private static Weights weights(float a, float b) {
        return new Weights(Map.of("x", new Weights.Tensor(new int[] {2}, new float[] {a, b}),
                "y", new Weights.Tensor(new int[] {1}, new float[] {a * b})));
    }

    @Test
    void everyParameterIsTheWeightedMean() {
        Weights mean = ModelAverage.average(List.of(weights(1, 2), weights(3, 6)), new double[] {0.75, 0.25},
                List.of("a", "b"));
        assertArrayEquals(new float[] {1.5f, 3f}, mean.tensors().get("x").data(), 1e-6f);
        assertArrayEquals(new float[] {0.75f * 2 + 0.25f * 18}, mean.tensors().get("y").data(), 1e-6f);
    }

    @Test
    void modelsOfDifferentShapesOrParametersAreRefused() {
        Weights wider = new Weights(Map.of("x", new Weights.Tensor(new int[] {3}, new float[3]),
                "y", new Weights.Tensor(new int[] {1}, new float[1])));
        String shape = assertThrows(IllegalArgumentException.class, () -> ModelAverage.average(
                List.of(weights(1, 2), wider), new double[] {0.5, 0.5}, List.of("a", "b"))).getMessage();
        assertTrue(shape.contains("parameter x"), shape);
        Weights other = new Weights(Map.of("x", new Weights.Tensor(new int[] {2}, new float[2])));
        assertThrows(IllegalArgumentException.class, () -> ModelAverage.average(
                List.of(weights(1, 2), other), new double[] {0.5, 0.5}, List.of("a", "b")));
    }

    @Test
    void writesTheMeanWithTheFirstModelsSettingsAndRefusesDifferentSyntaxHeads(@TempDir Path dir) throws IOException {
        Path a = model(dir.resolve("a"), weights(1, 2), "A");
        Path b = model(dir.resolve("b"), weights(3, 6), "A");
        Files.writeString(a.resolve("manifest.json"), "{\"encoder\": {\"name\": \"A\"}, \"training_data\": {\"corpus\": "
                + "\"A corpus\"}, \"hyper_parameters\": {\"seed\": \"42\"}}");
        Files.writeString(b.resolve("manifest.json"), "{\"encoder\": {\"name\": \"A\"}, \"training_data\": {\"corpus\": "
                + "\"B corpus\"}, \"hyper_parameters\": {\"seed\": \"43\"}}");
        TrainConfig config = TrainConfig.load(Path.of("experiments.ini"), "minilm-soup-v7-gap")
                .with("average_models", a + "," + b).with("average_weights", "0.5,0.5");
        Path out = dir.resolve("out");
        ModelAverage.write(config, out);
        assertArrayEquals(new float[] {2f, 4f}, Weights.read(out.resolve("heads.bin")).tensors().get("x").data(), 1e-6f);
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(out.resolve("config.properties"))) {
            p.load(r);
        }
        assertEquals("-0.5", p.getProperty("link.threshold"), "the experiment's runtime_settings win");
        assertEquals("number,they", p.getProperty("link.agreement"), "the first model's other settings are kept");
        assertEquals("A", Files.readString(out.resolve("syntax.bin")));
        assertFalse(Files.exists(out.resolve("confidence.properties")), "a confidence fitted on another model");
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(0.5, manifest.path("average").path("models").get(1).path("weight").asDouble());
        // each model's training data and hyper-parameters go with it; the first's are not the average's
        assertEquals("B corpus", manifest.path("average").path("models").get(1).path("training_data").path("corpus")
                .asText());
        assertEquals("the averaged models': A corpus | B corpus", manifest.path("training_data").path("corpus").asText());
        assertFalse(manifest.has("hyper_parameters"));
        assertEquals("A", manifest.path("encoder").path("name").asText(), "the shared encoder record is kept");

        Path c = model(dir.resolve("c"), weights(3, 6), "B");
        TrainConfig mixed = config.with("average_models", a + "," + c);
        String message = assertThrows(IllegalArgumentException.class, () -> ModelAverage.write(mixed, dir.resolve("x")))
                .getMessage();
        assertTrue(message.contains("another syntax head"), message);
        assertThrows(IllegalArgumentException.class,
                () -> ModelAverage.write(config.with("average_weights", "0.5,0.6"), dir.resolve("y")));
        assertThrows(IllegalArgumentException.class,
                () -> ModelAverage.write(config.with("average_models", a.toString()).with("average_weights", "1"),
                        dir.resolve("z")));
    }

    private static Path model(Path dir, Weights w, String syntax) throws IOException {
        Files.createDirectories(dir);
        w.write(dir.resolve("heads.bin"));
        Files.writeString(dir.resolve("config.properties"), "link.threshold=-1\nlink.agreement=number,they\n");
        Files.writeString(dir.resolve("syntax.bin"), syntax);
        Files.writeString(dir.resolve("syntax.properties"), "relations=root\n");
        Files.writeString(dir.resolve("confidence.properties"), "bias=0\n");
        return dir;
    }
}
