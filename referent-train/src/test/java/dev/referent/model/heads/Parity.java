package dev.referent.model.heads;

import ai.djl.ndarray.NDArray;
import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import dev.referent.train.heads.Params;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the parity tests share: each feeds the same random weights and inputs to a head's DJL training network
 * ({@code dev.referent.train.heads.*Net}) and to its runtime class (in this package, or {@code encoder} for the encoder layers), and compares the outputs. The
 * weights reach the runtime only through {@link Params#export()}, by name, as a trained model's do; so a name or a
 * layout that differs between the two sides fails here as surely as different maths.
 */
public final class Parity {

    /** Largest difference allowed between the two sides' outputs. */
    public static final float TOLERANCE = 1e-4f;

    /** Several sentences (the span predictor works within one), a quote, names and pronouns (the pair features). */
    static final String TEXT = "The senator met the minister on Monday in Geneva. \"We have agreed on the plan,\" she "
            + "said after the talks. The minister said he would sign it in May, and his office confirmed that the "
            + "treaty would reach parliament. Its members have not yet seen it.";

    private Parity() {
    }

    public static Document document() {
        return new TextAnalyzer().analyze("parity", TEXT);
    }

    /**
     * Sets every parameter to uniform random values in [-0.5, 0.5): training starts biases, priors and the layer
     * mix at zero or one, where a bias applied on one side only, or a mix read the wrong way round, would not show.
     */
    static void randomize(Params params, long seed) {
        Random random = new Random(seed);
        for (Map.Entry<String, NDArray> e : params.arrays().entrySet()) {
            e.getValue().set(random((int) e.getValue().getShape().size(), random));
        }
    }

    static float[] random(int size, Random random) {
        float[] v = new float[size];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() - 0.5f;
        }
        return v;
    }

    /** Fails on the first value where the runtime differs from the training network by more than the tolerance. */
    static void assertClose(float expectedTraining, float actualRuntime, String what) {
        if (!(Math.abs(expectedTraining - actualRuntime) <= TOLERANCE)) {
            fail(what + ": training network " + expectedTraining + ", runtime " + actualRuntime + " (difference "
                    + Math.abs(expectedTraining - actualRuntime) + " > " + TOLERANCE + ")");
        }
    }

    static void assertClose(float[] expectedTraining, float[] actualRuntime, String what) {
        assertEquals(expectedTraining.length, actualRuntime.length, what + ": sizes");
        for (int i = 0; i < expectedTraining.length; i++) {
            assertClose(expectedTraining[i], actualRuntime[i], what + " [" + i + "]");
        }
    }
}
