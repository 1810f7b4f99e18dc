package dev.referent.model;

import dev.referent.doc.Document;
import dev.referent.doc.Token;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped model run window by window (what {@code predict} does) against the whole-document encoding (what
 * training caches): the same word vectors, to the last bit, and the same clusters, on a document of many windows.
 */
class WindowedModelTest {

    static final Path MODEL = Path.of("..", "models", "default");
    static final Path EXAMPLE = Path.of("..", "examples", "new-start-treaty.txt");

    private static CorefModel model;
    private static Document doc;
    private static List<String> words;

    @BeforeAll
    static void load() throws IOException {
        model = CorefModel.load(CorefModel.Source.directory(MODEL), 2);
        // the example article six times: about 2,000 words, several batches of windows
        String article = Files.readString(EXAMPLE);
        doc = new TextAnalyzer().analyze("long", (article + "\n\n").repeat(6));
        words = doc.tokens().stream().map(Token::text).toList();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void windowedWordVectorsEqualTheWholeDocumentComputation() {
        WordEncoder encoder = model.encoder();
        int windows = encoder.windowStarts(encoder.tokenize(words).count()).length;
        assertTrue(windows > 4, "more than one batch of windows: " + windows);
        float[] whole = model.wordVectors(encoder.encode(words));
        float[] windowed = model.wordVectors(words);
        assertEquals(whole.length, windowed.length);
        assertArrayEquals(whole, windowed, "windowed u differs from the whole-document u");
    }

    @Test
    void windowedPredictionEqualsTheWholeDocumentPrediction() {
        CorefModel.Prediction whole = model.predict(doc, model.encoder().encode(words));
        CorefModel.Prediction windowed = model.predict(doc);
        assertArrayEquals(whole.xpos(), windowed.xpos());
        assertEquals(whole.document().clusters(), windowed.document().clusters());
        // the link confidences travel on the mentions (equals ignores them): compare them one by one
        assertEquals(linkConfidences(whole), linkConfidences(windowed));
        assertTrue(linkConfidences(windowed).stream().allMatch(c -> c >= 0 && c <= 1), "every predicted mention has one");
        assertTrue(windowed.document().clusters().size() > 3, "the article has chains");
    }

    private static java.util.List<Double> linkConfidences(CorefModel.Prediction p) {
        return p.document().clusters().stream().flatMap(c -> c.mentions().stream())
                .map(dev.referent.doc.Mention::linkConfidence).toList();
    }

    @Test
    void theCandidateBoundIsASettingCheckedAtLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CorefModel.load(
                CorefModel.Source.directory(MODEL), 1, null, Map.of("candidates.max_distance", "0")));
        assertTrue(e.getMessage().contains("candidates.max_distance"), e.getMessage());
        assertTrue(CorefModel.SETTINGS.contains("candidates.max_distance"));
    }

    @Test
    void cancellationStopsBetweenWindows() {
        AtomicInteger checks = new AtomicInteger();
        // cancelled at the second check: after the first batch of windows, before the second
        Cancellation second = () -> checks.incrementAndGet() >= 2;
        assertThrows(CancellationException.class, () -> model.predict(doc, second));
        assertEquals(2, checks.get(), "stopped at the first check after the first batch of windows");
    }
}
