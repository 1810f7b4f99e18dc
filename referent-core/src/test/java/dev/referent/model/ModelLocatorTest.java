package dev.referent.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one model locator of the command line, the service and the Spark job (issue 20, item 3). */
class ModelLocatorTest {

    @Test
    void aDirectoryWithoutAModelIsNamed(@TempDir Path dir) throws Exception {
        var e = assertThrows(ModelLocator.ModelNotFoundException.class, () -> ModelLocator.of(dir, 1).load());
        assertEquals("'" + dir + "' holds no model (expected config.properties and heads.bin)", e.getMessage());
        assertFalse(e.getMessage().contains("--"), "no flag syntax from core: " + e.getMessage());
        Files.writeString(dir.resolve("config.properties"), "name=x\n");
        assertFalse(ModelLocator.isModelDirectory(dir));
        Files.write(dir.resolve("heads.bin"), new byte[0]);
        assertTrue(ModelLocator.isModelDirectory(dir));
        ModelLocator.of(dir, 1).check(); // there; whether it loads is CorefModel.load's to say
    }

    @Test
    void settingsAreCopiedAndThreadsChecked() {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("link.threshold", "-0.5"));
        ModelLocator l = new ModelLocator(null, "all-minilm-l6-v2", settings, 2);
        settings.clear();
        assertEquals(Map.of("link.threshold", "-0.5"), l.settings());
        assertEquals(3, l.withThreads(3).threads());
        assertThrows(IllegalArgumentException.class, () -> ModelLocator.defaultModel(0));
    }
}
