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
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aFoldHeadIsCheckedAgainstTheFoldItsManifestRecords(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("manifest.json"),
                "{\"syntax_head\": {\"hyper_parameters\": {\"syntax_fold\": \"2/3\"}}}");
        TrainMain.checkFold(dir, 1, 3);
        String wrong = assertThrows(IllegalArgumentException.class, () -> TrainMain.checkFold(dir, 0, 3)).getMessage();
        assertTrue(wrong.contains("fold 1/3") && wrong.contains("records fold 2/3"), wrong);
        assertThrows(IllegalArgumentException.class, () -> TrainMain.checkFold(dir, 1, 4));
        Path none = Files.createDirectory(dir.resolve("full-head"));
        String unrecorded = assertThrows(IllegalArgumentException.class, () -> TrainMain.checkFold(none, 0, 3)).getMessage();
        assertTrue(unrecorded.contains("records no fold"), unrecorded);
    }

    @Test
    void decodingRulesThatReadSyntaxAreFoundInTheRuntimeSettings() throws IOException {
        assertTrue(TrainMain.decodingReadsSyntax(TrainConfig.load(Path.of("experiments.ini"), "minilm-tuned-v7-syntax")));
        assertTrue(TrainMain.decodingReadsSyntax(TrainConfig.load(Path.of("experiments.ini"), "minilm-tuned-v7-control")),
                "the control runs with the expletive rule too, so it is selected with it");
        assertFalse(TrainMain.decodingReadsSyntax(TrainConfig.load(Path.of("experiments.ini"), "minilm-tuned-v6-rough")));
        assertFalse(TrainMain.decodingReadsSyntax(TrainConfig.load(Path.of("experiments.ini"), "smoke")
                .with("runtime_settings", "link.agreement=number,they")));
        assertTrue(TrainMain.decodingReadsSyntax(TrainConfig.load(Path.of("experiments.ini"), "smoke")
                .with("runtime_settings", "link.agreement=number,entity-type")));
    }

    @Test
    void aRunWhoseDecodingReadsSyntaxMustKeepTheWordVectorsFrozen() throws IOException {
        TrainConfig smoke = TrainConfig.load(Path.of("experiments.ini"), "smoke");
        String message = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                smoke.with("runtime_settings", "link.expletives=true"), 384, List.of("NN"))).getMessage();
        assertTrue(message.contains("runtime_settings") && message.contains("freeze"), message);
        String gapLoss = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                smoke.with("gap_loss", "hinge"), 384, List.of("NN"))).getMessage();
        assertTrue(gapLoss.contains("gap_loss"), gapLoss);
    }

    @Test
    void theSyntaxHeadMustReadTheRunsOwnWordVectors(@TempDir Path dir) throws IOException {
        Path init = Files.createDirectories(dir.resolve("init"));
        Path same = Files.createDirectories(dir.resolve("same"));
        Path other = Files.createDirectories(dir.resolve("other"));
        heads(1f, 5f).write(init.resolve("heads.bin"));
        heads(1f, 7f).write(same.resolve("heads.bin"));   // another pair scorer, the same x
        heads(2f, 5f).write(other.resolve("heads.bin"));  // another layer mix
        TrainConfig config = TrainConfig.load(Path.of("experiments.ini"), "minilm-tuned-v7-syntax")
                .with("init_model", init.toString());
        TrainMain.checkSyntaxInput(config.with("syntax_model", same.toString()));
        String message = assertThrows(IllegalArgumentException.class,
                () -> TrainMain.checkSyntaxInput(config.with("syntax_model", other.toString()))).getMessage();
        assertTrue(message.contains("word.mix"), message);
        String none = assertThrows(IllegalArgumentException.class,
                () -> TrainMain.checkSyntaxInput(config.with("init_model", ""))).getMessage();
        assertTrue(none.contains("needs init_model"), none);
    }

    private static Weights heads(float mix, float pair) {
        return new Weights(Map.of("word.mix.w", new Weights.Tensor(new int[] {2}, new float[] {mix, 0}),
                "pair.e.w", new Weights.Tensor(new int[] {1}, new float[] {pair})));
    }

    @Test
    void aSyntaxHeadIsNotTrainedBesideAPairScorerThatReadsTheOldOne(@TempDir Path dir) {
        String err = captureErr(() -> assertEquals(2, TrainMain.run("--config", "experiments.ini", "--experiment",
                "syntax-v2", "--set", "init_model=models/default", "--out", dir.toString(), "--limit", "1")));
        assertTrue(err.contains("pair scorer reads the syntax head"), err);
        assertFalse(Files.exists(dir.resolve("syntax.bin")), "nothing written");
    }

    private static String captureOut(Runnable action) {
        return capture(action, false);
    }

    private static String captureErr(Runnable action) {
        return capture(action, true);
    }

    /** What {@code action} prints to standard output, or to standard error when {@code err}. */
    private static String capture(Runnable action, boolean err) {
        PrintStream saved = err ? System.err : System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream into = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (err) {
            System.setErr(into);
        } else {
            System.setOut(into);
        }
        try {
            action.run();
        } finally {
            if (err) {
                System.setErr(saved);
            } else {
                System.setOut(saved);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
