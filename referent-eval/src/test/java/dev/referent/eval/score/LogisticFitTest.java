package dev.referent.eval.score;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticFitTest {

    @Test
    void recoversTheWeightsThatGeneratedTheLabels() {
        Random random = new Random(7);
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double p = 1 / (1 + Math.exp(-(2.0 * a - 1.0 * b + 0.5)));
            x.add(new double[] {a, b});
            y.add(random.nextDouble() < p);
        }
        LogisticFit.Model m = LogisticFit.fit(x, y, 0.0);
        assertEquals(2.0, m.weights()[0], 0.1);
        assertEquals(-1.0, m.weights()[1], 0.1);
        assertEquals(0.5, m.bias(), 0.1);
    }

    @Test
    void thePenaltyKeepsSeparableDataFinite() {
        List<double[]> x = List.of(new double[] {-1}, new double[] {-0.5}, new double[] {0.5}, new double[] {1});
        List<Boolean> y = List.of(false, false, true, true);
        LogisticFit.Model m = LogisticFit.fit(x, y, 1.0);
        assertTrue(Double.isFinite(m.weights()[0]) && m.weights()[0] > 0, "weight " + m.weights()[0]);
        assertTrue(m.probability(new double[] {1}) > 0.5 && m.probability(new double[] {-1}) < 0.5);
    }

    @Test
    void solvesALinearSystem() {
        double[] x = LogisticFit.solve(new double[][] {{0, 2}, {3, 1}}, new double[] {4, 5});
        assertArrayEquals(new double[] {1, 2}, x, 1e-12);
    }
}
