package dev.referent.train;

import dev.referent.eval.io.DataPaths;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.heads.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The train command's options (picocli) and the manifest it writes. */
class TrainMainTest {

    @Test
    void helpListsTheOptionsAndBadUsageIsExitCodeTwo() {
        String help = captureOut(() -> assertEquals(0, TrainMain.run("--help")));
        for (String option : List.of("--config", "--experiment", "--out", "--data-dir", "--cache", "--threads", "--set", "--limit")) {
            assertTrue(help.contains(option), "help lacks " + option + ":\n" + help);
        }
        assertEquals(2, TrainMain.run());                                             // --config and --out missing
        assertEquals(2, TrainMain.run("--config", "experiments.ini", "--out", "x", "--threads", "two"));
        assertEquals(2, TrainMain.run("--config", "experiments.ini", "--out", "x", "--threads", "0"));
        assertEquals(2, TrainMain.run("--config", "experiments.ini", "--out", "x", "--set", "no-equals-sign"));
        assertEquals(2, TrainMain.run("--config", "experiments.ini", "--out", "x", "--bogus"));
    }

    @Test
    void theManifestNamesCorporaAndSplitsButNoMachinePath(@TempDir Path dir) throws IOException {
        Path elsewhere = dir.resolve("models").resolve("v4").toAbsolutePath();
        TrainConfig config = TrainConfig.load(Path.of("experiments.ini"), "minilm-tuned-v6-rough")
                .with("init_model", elsewhere.toString());
        Properties runtime = new Properties();
        runtime.setProperty("name", "referent-test");
        Trainer.Result result = new Trainer.Result(new Weights(Map.of()), runtime, 1, 0.5, List.of(0.5), List.of(),
                List.of(0.7), 1000, List.of());
        TrainMain.writeManifest(dir, config, EncoderSpec.MINILM_L6, result, 3, 2, 10, 1010);
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertFalse(manifest.contains("data_dir"), manifest);
        assertFalse(manifest.contains(DataPaths.dataDir().toString()), manifest);
        assertFalse(manifest.contains(dir.toAbsolutePath().toString()), manifest);
        assertTrue(manifest.contains("\"init_model\" : \"v4\""), manifest);
        assertTrue(manifest.contains("\"train_split\" : \"train (3 documents)\""), manifest);
        assertTrue(manifest.contains("OntoGUM (GUM v11.1.0"), manifest);
    }

    private static String captureOut(Runnable action) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
