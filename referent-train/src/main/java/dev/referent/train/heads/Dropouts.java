package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Inverted dropout with the engine's seeded generator. */
final class Dropouts {

    private Dropouts() {
    }

    static NDArray apply(NDManager step, NDArray x, float rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        NDArray keep = step.randomUniform(0f, 1f, x.getShape()).gte(rate).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return x.mul(keep).div(1 - rate);
    }
}
