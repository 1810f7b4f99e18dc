package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/**
 * Dropout through the engine's own operator. (A hand-made mask, x * (u >= rate) / (1 - rate), produced non-finite
 * gradients below it on PyTorch 2.7.1 after some hundred steps; the native operator does not. That was measured
 * while the trainer still let gradients accumulate over all steps, which may have been the cause.)
 */
final class Dropouts {

    private Dropouts() {
    }

    static NDArray apply(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
