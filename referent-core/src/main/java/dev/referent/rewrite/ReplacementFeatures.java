package dev.referent.rewrite;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Pronoun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the calibrated replacement confidence looks at, for one mention about to be replaced by a representative: how
 * much of the model's antecedent probability falls on the entity (rather than on another or on none), how far back
 * the representative is, and whether another entity's pronoun of the same kind stands in between. One place computes
 * them, for the rewriter at run time and for fitting the calibration on dev, so both see the same values. The fit
 * keeps those of them that lower the cross-validated log-loss (forward selection; the others weigh 0). These three
 * were kept by the same selection on an earlier model's candidate replacements from a wider set (link probability, no-antecedent probability, gender and number agreement within the cluster, pronoun
 * kind, quotation, cluster size, rival count, token distance) that predicted no better; gender and number
 * disagreements are refused outright by {@link Agreement} instead.
 */
public final class ReplacementFeatures {

    /** The features' names, in the order {@link #of} returns them (the calibration file keys its weights by these). */
    public static final List<String> NAMES = List.of("p_entity", "sentences_back", "same_group_rivals");

    private final Document doc;
    private final AntecedentScores antecedents;
    /** Each cluster's head words, sorted; built when the cluster's first replacement is judged. */
    private final Map<Integer, int[]> heads = new HashMap<>();
    /** The one-word pronoun mentions of the document, in token order: token, cluster id, {@link Agreement#group}. */
    private final int[][] pronouns;

    /**
     * The per-document facts the features read, gathered once: a long document has thousands of replacements and
     * each must not scan every cluster again.
     */
    public ReplacementFeatures(Document doc, AntecedentScores antecedents) {
        this.doc = doc;
        this.antecedents = antecedents;
        List<int[]> found = new ArrayList<>();
        for (Cluster c : doc.clusters()) {
            for (Mention m : c.mentions()) {
                Optional<Pronoun> p = m.size() == 1 ? Pronoun.of(m.text()) : Optional.empty();
                if (p.isPresent()) {
                    found.add(new int[] {m.tokenStart(), c.id(), Agreement.group(p.get())});
                }
            }
        }
        found.sort(Comparator.comparingInt(t -> t[0]));
        this.pronouns = found.toArray(new int[0][]);
    }

    /** The features of replacing {@code mention} (of {@code cluster}) by {@code rep}. */
    public double[] of(Cluster cluster, Mention mention, Representative rep) {
        double[] f = new double[NAMES.size()];
        int[] clusterHeads = heads.computeIfAbsent(cluster.id(),
                id -> cluster.mentions().stream().mapToInt(Mention::head).sorted().toArray());
        // how much of the model's antecedent probability for this word falls on the entity, over all its mentions
        f[0] = antecedents.probabilityOf(mention.head(), j -> Arrays.binarySearch(clusterHeads, j) >= 0);
        // how far back the representative's mention is, in sentences (after it: cataphora, distance 0)
        int sentence = doc.sentenceIndexOf(mention.tokenStart());
        int repSentence = doc.sentenceIndexOf(rep.mention().tokenStart());
        f[1] = Math.log1p(Math.max(0, sentence - repSentence));
        // another entity's pronoun of the same kind in between ("Kelly ... Trump said he ... he"): a rival antecedent
        Optional<Pronoun> pronoun = mention.size() == 1 ? Pronoun.of(mention.text()) : Optional.empty();
        int group = pronoun.map(Agreement::group).orElse(-1);
        int from = rep.mention().end() <= mention.start() ? rep.mention().tokenEnd() : Math.max(0, mention.tokenStart() - 40);
        f[2] = group >= 0 && rivalBetween(from, mention.tokenStart(), cluster.id(), group) ? 1 : 0;
        return f;
    }

    /** Whether a pronoun of {@code group} of another cluster than {@code clusterId} stands in tokens [from, to). */
    private boolean rivalBetween(int from, int to, int clusterId, int group) {
        int lo = 0;
        int hi = pronouns.length;
        while (lo < hi) { // the first pronoun at or after from
            int mid = (lo + hi) >>> 1;
            if (pronouns[mid][0] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int k = lo; k < pronouns.length && pronouns[k][0] < to; k++) {
            if (pronouns[k][1] != clusterId && pronouns[k][2] == group) {
                return true;
            }
        }
        return false;
    }
}
