package dev.referent.model.encoder;

import dev.referent.model.heads.Weights;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncoderLayersTest {

    private static final List<String> WORDS = List.of("The", "senator", "said", "she", "would", "vote", ".");

    @Test
    void readsEveryParameterOfALayerInTheGraphLayout() {
        Map<String, Weights.Tensor> layer = EncoderLayers.read(WordEncoder.graph(EncoderSpec.MINILM_L6), 5);
        assertEquals(16, layer.size()); // six projections (weight, bias) and two layer norms (gain, bias)
        assertTrue(layer.keySet().stream().allMatch(n -> n.startsWith("encoder.layer.5.")));
        assertArrayEquals(new int[] {384, 1536}, layer.get("encoder.layer.5.intermediate.dense.weight").shape());
        assertArrayEquals(new int[] {1536, 384}, layer.get("encoder.layer.5.output.dense.weight").shape());
        assertArrayEquals(new int[] {384}, layer.get("encoder.layer.5.output.LayerNorm.bias").shape());
    }

    @Test
    void aQuantizedGraphCannotBeReadForTraining() {
        assertThrows(IllegalArgumentException.class,
                () -> EncoderLayers.read(WordEncoder.graph(EncoderSpec.MINILM_L6_INT8), 5));
    }

    /** Zero layer-norm gain in the last layer: every output vector must become the written bias. */
    @Test
    void writtenParametersChangeWhatOnnxRuntimeComputes() {
        float[] bias = new float[384];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = i / 100f;
        }
        Map<String, Weights.Tensor> tuned = new LinkedHashMap<>();
        tuned.put("encoder.layer.5.output.LayerNorm.weight", new Weights.Tensor(new int[] {384}, new float[384]));
        tuned.put("encoder.layer.5.output.LayerNorm.bias", new Weights.Tensor(new int[] {384}, bias));
        tuned.put("word.proj1.weight", new Weights.Tensor(new int[] {1}, new float[1])); // not an encoder parameter
        for (EncoderSpec spec : List.of(EncoderSpec.MINILM_L6, EncoderSpec.MINILM_L6_INT8)) {
            try (WordEncoder encoder = WordEncoder.load(spec, 1, 0.25, null, new Weights(tuned))) {
                WordEncoder.Encoded e = encoder.encode(WORDS);
                for (int p = 0; p < e.pieceCount(); p++) {
                    for (int i = 0; i < 384; i += 37) {
                        assertEquals(bias[i], e.pieces()[p * 384 + i], 1e-5, spec.name() + " piece " + p);
                    }
                }
            }
        }
    }

    /** The fp32 weights written into the int8 graph are quantized as the graph's own were: the output barely moves. */
    @Test
    void quantizingTheOriginalWeightsReproducesTheInt8Graph() {
        Weights original = new Weights(EncoderLayers.read(WordEncoder.graph(EncoderSpec.MINILM_L6), 5));
        float[] stock;
        float[] patched;
        try (WordEncoder encoder = WordEncoder.load(EncoderSpec.MINILM_L6_INT8, 1, 0.25, null)) {
            stock = encoder.encode(WORDS).pieces();
        }
        try (WordEncoder encoder = WordEncoder.load(EncoderSpec.MINILM_L6_INT8, 1, 0.25, null, original)) {
            patched = encoder.encode(WORDS).pieces();
        }
        assertEquals(stock.length, patched.length);
        double maxDiff = 0;
        for (int i = 0; i < stock.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(stock[i] - patched[i]));
        }
        assertTrue(maxDiff < 1e-6, "int8 graph changed by " + maxDiff);
    }

    @Test
    void unknownEncoderParametersAreRejected() {
        Map<String, Weights.Tensor> tuned = Map.of("encoder.layer.9.output.LayerNorm.bias",
                new Weights.Tensor(new int[] {384}, new float[384]));
        assertThrows(IllegalArgumentException.class,
                () -> EncoderLayers.apply(WordEncoder.graph(EncoderSpec.MINILM_L6), new Weights(tuned)));
    }

    @Test
    void specialsKeepEachWindowsClsAndSep() {
        try (WordEncoder encoder = WordEncoder.load(EncoderSpec.MINILM_L6_INT8, 1, 0.25, new int[] {5, 6})) {
            WordEncoder.Encoded e = encoder.encode(WORDS);
            assertEquals(1, e.windows());
            assertEquals(2 * 2 * 384, e.specials().length);
            assertTrue(e.specials()[0] != 0 || e.specials()[384] != 0);
        }
    }
}
