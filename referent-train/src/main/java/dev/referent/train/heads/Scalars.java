package dev.referent.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Scalars as arrays of the step's manager, for every product or quotient that backward needs. DJL's
 * {@code mul(Number)} and {@code div(Number)} wrap the number in an array over Java-owned memory and close it at
 * once, while PyTorch keeps that tensor for the backward pass: a garbage collection in between frees the memory and
 * the gradient is scaled by whatever then lies there (seen as huge or non-finite gradients in some steps).
 */
public final class Scalars {

    private Scalars() {
    }

    /** A scalar that lives as long as {@code manager} (the training step), so backward still finds it. */
    public static NDArray of(NDManager manager, float value) {
        return manager.create(value);
    }
}
