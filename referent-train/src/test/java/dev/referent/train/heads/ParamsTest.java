package dev.referent.train.heads;

import ai.djl.ndarray.NDManager;
import dev.referent.model.heads.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParamsTest {

    @Test
    void aLayerWithMoreInputsStartsFromTheModelsWeightsAndZerosForTheNewInputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Params params = new Params(manager, 1);
            params.dense("layer", 3, 2, false); // [in 3, out 2]
            params.allowWider("layer");
            // the model's layer had 2 inputs: runtime layout [out 2, in 2]
            Weights model = new Weights(Map.of("layer.weight", new Weights.Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4})));
            assertEquals(List.of("layer.weight"), params.load(model));
            Weights.Tensor exported = params.export().tensors().get("layer.weight");
            assertArrayEquals(new int[] {2, 3}, exported.shape());
            assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0}, exported.data());
        }
    }

    @Test
    void aWiderLayerNotAllowedToGrowIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Params params = new Params(manager, 1);
            params.dense("layer", 3, 2, false);
            Weights model = new Weights(Map.of("layer.weight", new Weights.Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4})));
            assertThrows(IllegalArgumentException.class, () -> params.load(model));
        }
    }

    @Test
    void aLayerWithOtherOutputsIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Params params = new Params(manager, 1);
            params.dense("layer", 2, 3, false);
            params.allowWider("layer");
            Weights model = new Weights(Map.of("layer.weight", new Weights.Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4})));
            assertThrows(IllegalArgumentException.class, () -> params.load(model));
        }
    }
}
