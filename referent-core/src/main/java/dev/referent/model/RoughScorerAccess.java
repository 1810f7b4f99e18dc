package dev.referent.model;

/** Candidate selection shared with training, so that both sides pick the same antecedents. */
public final class RoughScorerAccess {

    private RoughScorerAccess() {
    }

    /** Indices of the m largest of values[0..length), largest first; ties go to the nearer (larger) index. */
    public static int[] selectTop(float[] values, int length, int m) {
        return RoughScorer.selectTop(values, length, m);
    }
}
