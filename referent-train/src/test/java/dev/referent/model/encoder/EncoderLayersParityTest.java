package dev.referent.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.referent.doc.Document;
import dev.referent.doc.Token;
import dev.referent.model.heads.Parity;
import dev.referent.train.heads.EncoderLayersNet;
import dev.referent.train.heads.Params;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fine-tuned encoder layers: {@link EncoderLayersNet} (training, a BERT layer in DJL) and the runtime, which
 * writes the exported parameters into the ONNX graph by name ({@link EncoderLayers}) and runs it with ONNX Runtime,
 * compute the same piece vectors from parameters that differ from the graph's own (as a tuned model's do).
 */
class EncoderLayersParityTest {

    @Test
    void tunedLayersWrittenIntoTheGraphComputeWhatTrainingComputes() {
        int[] layers = {4, 5, 6};
        Document doc = Parity.document();
        List<String> words = doc.tokens().stream().map(Token::text).toList();
        try (WordEncoder frozen = WordEncoder.load(EncoderSpec.MINILM_L6, 2, 0.25, layers);
             NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            WordEncoder.Encoded enc = frozen.encode(words);
            Params params = new Params(manager, 1);
            EncoderLayersNet net = new EncoderLayersNet(params, manager, WordEncoder.graph(EncoderSpec.MINILM_L6), 4, 2, 12);
            // move every parameter off the graph's values: a name the runtime does not write back would show
            Random random = new Random(3);
            for (Map.Entry<String, NDArray> e : params.arrays().entrySet()) {
                float[] v = e.getValue().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (random.nextFloat() - 0.5f) * 0.05f;
                }
                e.getValue().set(v);
            }
            NDArray[] training = net.forward(step, enc, 0, frozen);
            try (WordEncoder tuned = WordEncoder.load(EncoderSpec.MINILM_L6, 2, 0.25, layers, params.export())) {
                WordEncoder.Encoded runtime = tuned.encode(words);
                int block = enc.pieceCount() * enc.hidden();
                double moved = 0;
                for (int l = 0; l < 2; l++) {
                    float[] t = training[l].toFloatArray();
                    assertEquals(block, t.length);
                    double max = 0;
                    for (int i = 0; i < block; i++) {
                        float r = runtime.pieces()[(l + 1) * block + i];
                        max = Math.max(max, Math.abs(t[i] - r));
                        moved = Math.max(moved, Math.abs(r - enc.pieces()[(l + 1) * block + i]));
                    }
                    // measured about 2e-6: the document fits one window, so no window-edge approximation enters
                    assertTrue(max < Parity.TOLERANCE, "encoder layer " + (5 + l) + ": training and runtime differ by " + max);
                }
                assertTrue(moved > 0.01, "the changed parameters did not reach the runtime graph (moved " + moved + ")");
            }
        }
    }
}
