package dev.referent.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The confidence fit's forward selection keeps the features that predict held-out folds, and no other; a feature set
 * chosen by name ({@code --confidence-features}) is checked.
 */
class ConfidenceSelectionTest {

    /** Synthetic candidate replacements in "documents" of 20, five folds. */
    private record Candidates(List<double[]> x, List<Boolean> y, int[] fold) {

        static Candidates of(int n, Consumer<Candidates> addOne) {
            Candidates c = new Candidates(new ArrayList<>(), new ArrayList<>(), new int[n]);
            for (int i = 0; i < n; i++) {
                addOne.accept(c);
                c.fold[i] = (i / 20) % 5;
            }
            return c;
        }
    }

    @Test
    void aPredictiveFeatureIsKeptAndNoiseIsNot() {
        Random random = new Random(3);
        Candidates c = Candidates.of(600, k -> {
            double signal = random.nextDouble();
            k.x().add(new double[] {random.nextDouble(), signal, random.nextGaussian()});
            k.y().add(random.nextDouble() < 0.15 + 0.7 * signal); // only column 1 carries the label
        });
        assertEquals(List.of(1), ConfidenceFit.select(c.x(), c.y(), c.fold(), false));
    }

    @Test
    void featuresThatCarryNothingLeaveTheConstantModel() {
        Random random = new Random(4);
        Candidates c = Candidates.of(400, k -> {
            k.x().add(new double[] {0, 1}); // the same values for every candidate
            k.y().add(random.nextDouble() < 0.6);
        });
        assertTrue(ConfidenceFit.select(c.x(), c.y(), c.fold(), false).isEmpty());
        // the constant model's held-out probabilities are each fold's rate of the others
        double[] p = ConfidenceFit.crossValidated(c.x(), c.y(), c.fold(), List.of());
        assertTrue(p[0] > 0.5 && p[0] < 0.7, "rate " + p[0]);
    }

    @Test
    void aChosenFeatureSetIsReadByNameAndCheckedAgainstTheKnownOnes() {
        List<String> names = dev.referent.rewrite.ReplacementFeatures.NAMES;
        assertEquals(List.of(names.indexOf("type_mismatch"), names.indexOf("mentions")),
                ConfidenceFit.columns(List.of("type_mismatch", " w.mentions")));
        Main.UsageException unknown = org.junit.jupiter.api.Assertions.assertThrows(Main.UsageException.class,
                () -> ConfidenceFit.columns(List.of("mentions", "salience")));
        assertTrue(unknown.getMessage().contains("unknown confidence feature 'salience'")
                && unknown.getMessage().contains("rival_subject"), unknown.getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(Main.UsageException.class,
                () -> ConfidenceFit.columns(List.of("mentions", "mentions"))).getMessage().contains("repeated"));
    }
}
