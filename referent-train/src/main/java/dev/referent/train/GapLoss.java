package dev.referent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.referent.model.heads.PairwiseFeatures;
import dev.referent.train.heads.AnaphoricityScorerNet;
import dev.referent.train.heads.CorefLoss;

import java.util.List;

/**
 * The loss of a partially labelled document (a GAP row: a pronoun, two names, which of them it refers to): each link
 * scores its pronoun against every word of its name (the later word of a pair is the anaphor: a name after its
 * pronoun takes the pronoun as antecedent), coarse plus fine score, as inference scores a candidate; the links are
 * then judged against the dummy antecedent ({@code gap_loss = absolute}) or against each other ({@code relative}).
 */
final class GapLoss {

    private GapLoss() {
    }

    /** The links' loss of {@code ex} from its word vectors {@code u} and its coarse scores {@code roughScores}. */
    static NDArray loss(NDManager step, AnaphoricityScorerNet pairs, NDArray u, NDArray roughScores,
                        PairwiseFeatures features, CorefExample ex, boolean relative) {
        int n = ex.size();
        List<CorefExample.NameLink> links = ex.links();
        int pairCount = 0;
        for (CorefExample.NameLink l : links) {
            pairCount += l.name().length;
        }
        int[] anaphor = new int[pairCount];
        int[] antecedent = new int[pairCount];
        int[] linkOf = new int[pairCount];
        long[] roughIndex = new long[pairCount];
        boolean[] coref = new boolean[links.size()];
        float[] phi = new float[pairCount * features.size()];
        int p = 0;
        for (int l = 0; l < links.size(); l++) {
            CorefExample.NameLink link = links.get(l);
            coref[l] = link.coref();
            for (int w : link.name()) {
                anaphor[p] = Math.max(w, link.pronoun());
                antecedent[p] = Math.min(w, link.pronoun());
                linkOf[p] = l;
                roughIndex[p] = (long) anaphor[p] * n + antecedent[p];
                features.fill(anaphor[p], antecedent[p], phi, p * features.size());
                p++;
            }
        }
        NDArray fine = pairs.forwardPairs(step, u, anaphor, antecedent, phi, true);
        NDArray coarse = roughScores.reshape(n * (long) n).get(step.create(roughIndex, new Shape(pairCount)));
        if (!relative) {
            return CorefLoss.linkLoss(step, fine.add(coarse), linkOf, coref);
        }
        int[] groupOf = new int[links.size()];
        java.util.Map<Integer, Integer> groupOfPronoun = new java.util.HashMap<>();
        for (int l = 0; l < links.size(); l++) {
            groupOf[l] = groupOfPronoun.computeIfAbsent(links.get(l).pronoun(), k -> groupOfPronoun.size());
        }
        return CorefLoss.rankLoss(step, fine.add(coarse), linkOf, groupOf, coref);
    }
}
