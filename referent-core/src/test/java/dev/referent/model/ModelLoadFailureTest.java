package dev.referent.model;

import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model that cannot load fails before its encoder session exists when a setting is malformed, and closes the
 * session (and its options) when it fails after the session exists: a server that retries a bad model must not
 * leak a session per try.
 */
class ModelLoadFailureTest {

    private static final Path MODEL = Path.of("..", "models", "default");

    /** The shipped model's files, recording which were opened. */
    private static final class Recording implements CorefModel.Source {
        final List<String> opened = new ArrayList<>();

        @Override
        public InputStream open(String file) throws IOException {
            opened.add(file);
            return Files.newInputStream(MODEL.resolve(file));
        }
    }

    @Test
    void aMalformedSettingFailsBeforeTheWeightsOrTheEncoderLoad() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("topk", "3.5"),
                Map.entry("link.repeated_names", "yes"), Map.entry("candidates.max_distance", "-4"),
                Map.entry("candidates.max_distance", "far"), Map.entry("overlap", "1.5"),
                Map.entry("layers", "0,x"), Map.entry("pos.tags", "maybe"), Map.entry("link.threshold", "low"),
                Map.entry("candidates.names", "surnames"), Map.entry("link.binding", "often"),
                Map.entry("link.expletives", "1"), Map.entry("syntax", "off"),
                Map.entry("link.pronoun_chains", "on"))) {
            Recording source = new Recording();
            int sessions = WordEncoder.openSessions();
            long t0 = System.nanoTime();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CorefModel.load(source, 1, null, Map.of(bad.getKey(), bad.getValue())), bad.toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
            // only the settings were read: neither heads.bin nor the manifest's encoder check nor a session
            assertEquals(List.of("config.properties"), source.opened, bad.toString());
            assertEquals(sessions, WordEncoder.openSessions(), bad.toString());
            assertTrue(seconds < 1, bad + " took " + seconds + " s to fail");
        }
    }

    @Test
    void aFailureAfterTheEncoderSessionExistsClosesIt() {
        int sessions = WordEncoder.openSessions();
        // valid on its own, but the heads mix seven layers: the model fails after its encoder has loaded
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorefModel.load(new Recording(), 1, null, Map.of("layers", "6")));
        assertTrue(e.getMessage().contains("mixes 7 encoder layers"), e.getMessage());
        assertEquals(sessions, WordEncoder.openSessions());
    }

    @Test
    void aModelWhosePairScorerReadsTheSyntaxHeadRefusesToRunWithoutIt() {
        int sessions = WordEncoder.openSessions();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorefModel.load(new Recording(), 1, null, Map.of("syntax", "false")));
        assertTrue(e.getMessage().contains("syntax.bin") && e.getMessage().contains("syntax=true"), e.getMessage());
        assertEquals(sessions, WordEncoder.openSessions());
    }

    @Test
    void anEncoderWhoseTokenizerFailsToLoadClosesItsSession() {
        EncoderSpec real = EncoderSpec.MINILM_L6_INT8;
        EncoderSpec noTokenizer = new EncoderSpec("no-tokenizer", real.onnxResource(), "/no-such-tokenizer.json",
                real.hidden(), real.maxPieces(), real.attentionHeads(), real.artifact());
        int sessions = WordEncoder.openSessions();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WordEncoder.load(noTokenizer, 1, 0.25));
        assertTrue(e.getMessage().contains("/no-such-tokenizer.json"), e.getMessage());
        assertEquals(sessions, WordEncoder.openSessions());
    }

    @Test
    void theSessionCountFollowsALoadedEncoderAndAClosedOne() {
        // the counter the tests above rely on moves at all
        int sessions = WordEncoder.openSessions();
        WordEncoder encoder = WordEncoder.load(EncoderSpec.MINILM_L6_INT8, 1, 0.25);
        assertEquals(sessions + 1, WordEncoder.openSessions());
        encoder.close();
        encoder.close();
        assertEquals(sessions, WordEncoder.openSessions());
    }
}
