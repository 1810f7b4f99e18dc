package dev.referent.eval.score;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.eval.io.GapExample;

import java.util.List;
import java.util.Map;

/**
 * The GAP scorer (Webster et al. 2018): each example contributes two binary decisions (pronoun-A, pronoun-B);
 * precision, recall and F1 are computed over all decisions, overall and per pronoun gender, and bias is the
 * feminine F1 divided by the masculine F1.
 */
public final class GapScorer {

    /** A system's decisions for one example. */
    public record Prediction(boolean corefA, boolean corefB) {

        /**
         * The decisions a system's clusters over the example's text imply: the pronoun counts as linked to A (or B)
         * when a predicted mention overlapping that name's character span is in the pronoun's cluster. The pronoun's
         * mention is the one headed by the pronoun; failing that (a system whose spans carry no meaningful head), a
         * mention of at most two tokens that covers it ("his own").
         */
        public static Prediction fromClusters(Document doc, GapExample ex) {
            Cluster cluster = pronounCluster(doc, ex);
            return cluster == null ? new Prediction(false, false)
                    : new Prediction(overlaps(cluster, ex.offsetA(), ex.endA()), overlaps(cluster, ex.offsetB(), ex.endB()));
        }

        private static Cluster pronounCluster(Document doc, GapExample ex) {
            Cluster covering = null;
            for (Cluster c : doc.clusters()) {
                for (Mention m : c.mentions()) {
                    if (m.start() > ex.pronounOffset() || ex.pronounEnd() > m.end()) {
                        continue;
                    }
                    var head = doc.token(m.head());
                    if (head.start() <= ex.pronounOffset() && ex.pronounOffset() < head.end()) {
                        return c; // "her" in [her] beats "her" inside [her boyfriend], whose head is "boyfriend"
                    }
                    if (m.size() <= 2 && covering == null) {
                        covering = c;
                    }
                }
            }
            return covering;
        }

        private static boolean overlaps(Cluster c, int start, int end) {
            for (Mention m : c.mentions()) {
                if (m.start() < end && start < m.end()) {
                    return true;
                }
            }
            return false;
        }
    }

    public record Counts(long truePositives, long falsePositives, long falseNegatives) {

        Counts plus(boolean gold, boolean predicted) {
            return new Counts(truePositives + (gold && predicted ? 1 : 0), falsePositives + (!gold && predicted ? 1 : 0),
                    falseNegatives + (gold && !predicted ? 1 : 0));
        }

        public double precision() {
            return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double f1() {
            return Score.f1(recall(), precision());
        }
    }

    public record Report(Counts overall, Counts masculine, Counts feminine, int examples, int missing) {

        /** Feminine F1 / masculine F1 (1.0 is unbiased). */
        public double bias() {
            return masculine.f1() == 0 ? 0 : feminine.f1() / masculine.f1();
        }
    }

    /**
     * Scores predictions by example id. An example without a prediction counts as "neither" (both false) and is
     * reported in {@link Report#missing()}.
     */
    public Report score(List<GapExample> gold, Map<String, Prediction> predictions) {
        Counts all = new Counts(0, 0, 0);
        Counts masculine = new Counts(0, 0, 0);
        Counts feminine = new Counts(0, 0, 0);
        int missing = 0;
        for (GapExample ex : gold) {
            Prediction p = predictions.get(ex.id());
            if (p == null) {
                missing++;
                p = new Prediction(false, false);
            }
            all = all.plus(ex.corefA(), p.corefA()).plus(ex.corefB(), p.corefB());
            if (ex.gender() == GapExample.Gender.FEMININE) {
                feminine = feminine.plus(ex.corefA(), p.corefA()).plus(ex.corefB(), p.corefB());
            } else {
                masculine = masculine.plus(ex.corefA(), p.corefA()).plus(ex.corefB(), p.corefB());
            }
        }
        return new Report(all, masculine, feminine, gold.size(), missing);
    }
}
