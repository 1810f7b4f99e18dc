package dev.referent.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainConfigTest {

    private static final String INI = """
            [default]
            a = 1
            b = 2
            c = 3
            [x]
            b = 20
            [y]
            base = x
            c = 30
            [z]
            base = y
            b = 200
            [loop1]
            base = loop2
            [loop2]
            base = loop1
            [orphan]
            base = nowhere
            [typo]
            base = x
            d = 4
            """;

    @Test
    void anExperimentStartsFromItsBaseAndThatOnesBase(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("e.ini"), INI);
        assertEquals("1 20 30", abc(TrainConfig.load(ini, "y")));
        assertEquals("1 200 30", abc(TrainConfig.load(ini, "z")));
        assertEquals("1 2 3", abc(TrainConfig.load(ini, "default")));
        assertEquals("1 20 3", abc(TrainConfig.load(ini, "x")));
    }

    @Test
    void aBaseLoopAMissingBaseAndAnUnknownKeyAreErrors(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("e.ini"), INI);
        String loop = assertThrows(IllegalArgumentException.class, () -> TrainConfig.load(ini, "loop1")).getMessage();
        assertTrue(loop.contains("each other's base"), loop);
        String orphan = assertThrows(IllegalArgumentException.class, () -> TrainConfig.load(ini, "orphan")).getMessage();
        assertTrue(orphan.contains("[nowhere] (base of [orphan])"), orphan);
        String typo = assertThrows(IllegalArgumentException.class, () -> TrainConfig.load(ini, "typo")).getMessage();
        assertTrue(typo.contains("unknown key 'd'"), typo);
    }

    @Test
    void aKeyRepeatedInASectionIsAnError(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("e.ini"), "[default]\na = 1\n[x]\nb = 2\nb = 3\n");
        String message = assertThrows(IllegalArgumentException.class, () -> TrainConfig.load(ini, "x")).getMessage();
        assertTrue(message.contains("e.ini:5: key 'b' repeated in [x]"), message);
    }

    @Test
    void aListValueIsSplitAtCommasAndStripped(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("e.ini"), INI);
        TrainConfig config = TrainConfig.load(ini, "default");
        assertEquals(List.of("p", "q r", "s"), config.with("a", " p, q r ,,s ").list("a"));
        assertEquals(List.of(), config.with("a", " ").list("a"));
    }

    @Test
    void everyExperimentOfTheProjectLoads() throws IOException {
        Path ini = Path.of("experiments.ini");
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(ini)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                names.add(line.substring(1, line.length() - 1));
            }
        }
        assertTrue(names.size() > 10, "sections: " + names);
        for (String name : names) {
            TrainConfig config = TrainConfig.load(ini, name);
            assertEquals(TrainConfig.load(ini, "default").values().keySet(), config.values().keySet(), name);
        }
        // the shipped model's recipe, reached through three bases
        TrainConfig shipped = TrainConfig.load(ini, "minilm-tuned-v6-rough");
        assertEquals("all-minilm-l6-v2", shipped.string("encoder"));
        assertEquals("50", shipped.string("topk"));
        assertEquals("0.0001", shipped.string("learning_rate"));
        assertEquals("6", shipped.string("epochs"));
    }

    private static String abc(TrainConfig config) {
        return config.string("a") + " " + config.string("b") + " " + config.string("c");
    }
}
