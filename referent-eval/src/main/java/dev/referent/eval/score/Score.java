package dev.referent.eval.score;

/**
 * Recall and precision as sums of numerators and denominators, so that scores of documents add up the way the
 * official scorer micro-averages them.
 */
public record Score(double recallNumerator, double recallDenominator, double precisionNumerator,
                    double precisionDenominator) {

    public static final Score ZERO = new Score(0, 0, 0, 0);

    public Score plus(Score other) {
        return new Score(recallNumerator + other.recallNumerator, recallDenominator + other.recallDenominator,
                precisionNumerator + other.precisionNumerator, precisionDenominator + other.precisionDenominator);
    }

    public double recall() {
        return recallDenominator == 0 ? 0 : recallNumerator / recallDenominator;
    }

    public double precision() {
        return precisionDenominator == 0 ? 0 : precisionNumerator / precisionDenominator;
    }

    public double f1() {
        return f1(recall(), precision());
    }

    static double f1(double r, double p) {
        return r + p == 0 ? 0 : 2 * r * p / (r + p);
    }
}
