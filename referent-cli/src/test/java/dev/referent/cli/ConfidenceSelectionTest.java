package dev.referent.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confidence fit's forward selection keeps the features that predict held-out folds, and no other. */
class ConfidenceSelectionTest {

    @Test
    void aPredictiveFeatureIsKeptAndNoiseIsNot() {
        Random random = new Random(3);
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        int n = 600;
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            double signal = random.nextDouble();
            x.add(new double[] {random.nextDouble(), signal, random.nextGaussian()});
            y.add(random.nextDouble() < 0.15 + 0.7 * signal); // only column 1 carries the label
            fold[i] = (i / 20) % 5; // "documents" of 20 candidates
        }
        assertEquals(List.of(1), ConfidenceFit.select(x, y, fold, false));
    }

    @Test
    void featuresThatCarryNothingLeaveTheConstantModel() {
        Random random = new Random(4);
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        int n = 400;
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            x.add(new double[] {0, 1}); // the same values for every candidate
            y.add(random.nextDouble() < 0.6);
            fold[i] = (i / 20) % 5;
        }
        assertTrue(ConfidenceFit.select(x, y, fold, false).isEmpty());
        // the constant model's held-out probabilities are each fold's rate of the others
        double[] p = ConfidenceFit.crossValidated(x, y, fold, List.of());
        assertTrue(p[0] > 0.5 && p[0] < 0.7, "rate " + p[0]);
    }
}
