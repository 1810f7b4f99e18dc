package dev.referent.rewrite;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Pronoun;

import java.util.List;
import java.util.Optional;

/**
 * What the calibrated replacement confidence looks at, for one mention about to be replaced by a representative: how
 * much of the model's antecedent probability falls on the entity (rather than on another or on none), how far back
 * the representative is, and whether another entity's pronoun of the same kind stands in between. One place computes
 * them, for the rewriter at run time and for fitting the calibration on dev, so both see the same values. These three
 * were kept by forward selection on the cross-validated log-loss of OntoGUM dev's candidate replacements, from a
 * wider set (link probability, no-antecedent probability, gender and number agreement within the cluster, pronoun
 * kind, quotation, cluster size, rival count, token distance) that predicted no better; gender and number
 * disagreements are refused outright by {@link Agreement} instead.
 */
public final class ReplacementFeatures {

    /** The features' names, in the order {@link #of} returns them (the calibration file keys its weights by these). */
    public static final List<String> NAMES = List.of("p_entity", "sentences_back", "same_group_rivals");

    private ReplacementFeatures() {
    }

    /** The features of replacing {@code mention} (of {@code cluster}) by {@code rep}. */
    public static double[] of(Document doc, Cluster cluster, Mention mention, Representative rep,
                              AntecedentScores antecedents) {
        double[] f = new double[NAMES.size()];
        boolean[] inCluster = new boolean[doc.size()];
        for (Mention m : cluster.mentions()) {
            inCluster[m.head()] = true;
        }
        // how much of the model's antecedent probability for this word falls on the entity, over all its mentions
        f[0] = antecedents.probabilityOf(mention.head(), j -> inCluster[j]);
        // how far back the representative's mention is, in sentences (after it: cataphora, distance 0)
        int sentence = doc.sentenceIndexOf(mention.tokenStart());
        int repSentence = doc.sentenceIndexOf(rep.mention().tokenStart());
        f[1] = Math.log1p(Math.max(0, sentence - repSentence));
        // another entity's pronoun of the same kind in between ("Kelly ... Trump said he ... he"): a rival antecedent
        Optional<Pronoun> pronoun = mention.size() == 1 ? Pronoun.of(mention.text()) : Optional.empty();
        int group = pronoun.map(Agreement::group).orElse(-1);
        int from = rep.mention().end() <= mention.start() ? rep.mention().tokenEnd() : Math.max(0, mention.tokenStart() - 40);
        boolean rival = false;
        for (Cluster other : doc.clusters()) {
            if (other.id() == cluster.id() || group < 0) {
                continue;
            }
            for (Mention o : other.mentions()) {
                if (o.size() == 1 && o.tokenStart() >= from && o.tokenEnd() <= mention.tokenStart()) {
                    Optional<Pronoun> p = Pronoun.of(o.text());
                    rival |= p.isPresent() && Agreement.group(p.get()) == group;
                }
            }
        }
        f[2] = rival ? 1 : 0;
        return f;
    }
}
