package dev.referent.doc;

import java.util.function.IntPredicate;

/**
 * The model's antecedent distribution for each word: its candidate antecedent words and the probability of each
 * (a softmax over the candidates and the "no antecedent" choice). The rewriter asks it how sure the model is that a
 * word refers to an entity at all, and to which one, rather than trusting the single best link.
 *
 * @param antecedents for each word, its candidate antecedent words (empty where it has none)
 * @param probabilities for each word, the probability of each candidate, same layout
 */
public record AntecedentScores(int[][] antecedents, float[][] probabilities) {

    /** No distribution: every question answers "unknown" as 0 (gold clusters, documents without a model). */
    public static final AntecedentScores NONE = new AntecedentScores(new int[0][], new float[0][]);

    public AntecedentScores {
        if (antecedents.length != probabilities.length) {
            throw new IllegalArgumentException("antecedents for " + antecedents.length + " words, probabilities for "
                    + probabilities.length);
        }
    }

    public boolean isEmpty() {
        return antecedents.length == 0;
    }

    /** The probability that {@code word}'s antecedent is one of the words {@code inEntity} accepts. */
    public double probabilityOf(int word, IntPredicate inEntity) {
        if (word >= antecedents.length) {
            return 0;
        }
        double p = 0;
        int[] ants = antecedents[word];
        for (int k = 0; k < ants.length; k++) {
            if (inEntity.test(ants[k])) {
                p += probabilities[word][k];
            }
        }
        return p;
    }

    /** The probability of {@code word}'s most likely antecedent (0 when it has none). */
    public double best(int word) {
        if (word >= antecedents.length) {
            return 0;
        }
        double best = 0;
        for (float p : probabilities[word]) {
            best = Math.max(best, p);
        }
        return best;
    }

    /** The probability that {@code word} has no antecedent among its candidates. */
    public double none(int word) {
        if (word >= antecedents.length) {
            return 1;
        }
        double sum = 0;
        for (float p : probabilities[word]) {
            sum += p;
        }
        return Math.max(0, 1 - sum);
    }
}
