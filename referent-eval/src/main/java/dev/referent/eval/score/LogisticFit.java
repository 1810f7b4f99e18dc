package dev.referent.eval.score;

import java.util.List;

/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with an L2 penalty on the weights,
 * not the intercept: small, exact and deterministic for the few features and few thousand examples of a
 * confidence calibration.
 */
public final class LogisticFit {

    /** Fitted weights and intercept. */
    public record Model(double[] weights, double bias) {

        public double probability(double[] x) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * x[i];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    private LogisticFit() {
    }

    /** Fits {@code labels} (true = right) on {@code features} (rows of equal width) with penalty {@code l2}. */
    public static Model fit(List<double[]> features, List<Boolean> labels, double l2) {
        if (features.isEmpty() || features.size() != labels.size()) {
            throw new IllegalArgumentException(features.size() + " rows, " + labels.size() + " labels");
        }
        int d = features.get(0).length + 1; // last column: intercept
        double[] beta = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int r = 0; r < features.size(); r++) {
                double[] x = row(features.get(r));
                double p = sigmoid(dot(beta, x));
                double y = labels.get(r) ? 1 : 0;
                double w = Math.max(p * (1 - p), 1e-9);
                for (int i = 0; i < d; i++) {
                    gradient[i] += (y - p) * x[i];
                    for (int j = 0; j < d; j++) {
                        hessian[i][j] += w * x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < d - 1; i++) {
                gradient[i] -= l2 * beta[i];
                hessian[i][i] += l2;
            }
            hessian[d - 1][d - 1] += 1e-9;
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int i = 0; i < d; i++) {
                beta[i] += step[i];
                size = Math.max(size, Math.abs(step[i]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        double[] weights = new double[d - 1];
        System.arraycopy(beta, 0, weights, 0, d - 1);
        return new Model(weights, beta[d - 1]);
    }

    private static double[] row(double[] features) {
        double[] x = new double[features.length + 1];
        System.arraycopy(features, 0, x, 0, features.length);
        x[features.length] = 1;
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Gaussian elimination with partial pivoting; {@code a} is positive definite here (penalised Hessian). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
