package dev.referent.rewrite;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.MentionType;
import dev.referent.doc.Pronoun;
import dev.referent.doc.WordSyntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the calibrated replacement confidence looks at, for one mention about to be replaced by a representative: how
 * much of the model's antecedent probability falls on the entity (rather than on another or on none) and on the
 * representative's own mention, how far back the representative and the entity's previous mention are, whether that
 * previous mention is a pronoun, whether another entity's pronoun of the same kind stands in between, whether the
 * syntax head gives the representative another entity type than the replaced word, whether the representative is a
 * subject, and how many mentions the entity has. One place computes them, for the rewriter at run time and for
 * fitting the calibration on dev, so both see the same values. The fit keeps those of them that lower the
 * cross-validated log-loss (forward selection; the others weigh 0). Tried and dropped as candidates (none lowered it
 * on dev): no-antecedent and best-link probability, the weakest link between the representative and the mention,
 * gender and number agreement within the cluster (refused outright by {@link Agreement} instead), pronoun kind,
 * quotation, other entities' names in between, the replaced word being a subject, token distance.
 */
public final class ReplacementFeatures {

    /** The features' names, in the order {@link #of} returns them (the calibration file keys its weights by these). */
    public static final List<String> NAMES = List.of("p_entity", "sentences_back", "same_group_rivals", "type_mismatch",
            "previous_is_pronoun", "previous_sentences", "p_representative", "representative_subject", "mentions",
            "rival_subject");

    private final Document doc;
    private final AntecedentScores antecedents;
    private final WordSyntax syntax;
    /** Each cluster's head words, sorted; built when the cluster's first replacement is judged. */
    private final Map<Integer, int[]> heads = new HashMap<>();
    /** The one-word pronoun mentions of the document, in token order: token, cluster id, {@link Agreement#group}. */
    private final int[][] pronouns;

    /**
     * The per-document facts the features read, gathered once: a long document has thousands of replacements and
     * each must not scan every cluster again.
     */
    public ReplacementFeatures(Document doc, AntecedentScores antecedents, WordSyntax syntax) {
        this.doc = doc;
        this.antecedents = antecedents;
        this.syntax = syntax;
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
        // the entity types the syntax head predicts for the representative's head and for the replaced word differ
        // ("they" taken for people, "these educative sessions" for an event)
        int repHead = rep.mention().head();
        String repType = syntax.attribute("Entity", repHead);
        String ownType = syntax.attribute("Entity", mention.head());
        f[3] = !repType.equals(WordSyntax.NO_VALUE) && !ownType.equals(WordSyntax.NO_VALUE) && !repType.equals(ownType)
                ? 1 : 0;
        // the entity's mention just before this one: a pronoun (a chain of pronouns, each link a chance to go
        // astray), and how many sentences back
        List<Mention> ordered = cluster.mentions(); // in document order (Cluster keeps them so)
        Mention previous = previousOf(ordered, mention.tokenStart());
        f[4] = previous != null && previous.type() == MentionType.PRONOUN ? 1 : 0;
        f[5] = previous == null ? 0 : Math.log1p(sentence - doc.sentenceIndexOf(previous.tokenStart()));
        // the model's probability on the representative's own head word: the replacement scored against the mention
        // it copies, not only against the nearest antecedent
        f[6] = antecedents.probabilityOf(mention.head(), j -> j == repHead);
        // the representative's mention is a subject (the salient entity of its clause)
        f[7] = syntax.relation(repHead).startsWith("nsubj") ? 1 : 0;
        // how many mentions the entity has
        f[8] = Math.log(ordered.size());
        // the nearest subject before the replaced word (in its sentence or the one before) that the syntax head gives
        // the word's own entity type belongs to another entity ("Medvedev told reporters ... He added", with "He" in
        // Obama's cluster): the salient candidate is not the one the cluster chose
        if (!ownType.equals(WordSyntax.NO_VALUE)) {
            int previousSentence = doc.sentences().get(Math.max(0, sentence - 1)).tokenStart();
            for (int t = mention.tokenStart() - 1; t >= previousSentence; t--) {
                if (syntax.relation(t).startsWith("nsubj") && syntax.attribute("Entity", t).equals(ownType)) {
                    f[9] = Arrays.binarySearch(clusterHeads, t) >= 0 ? 0 : 1;
                    break;
                }
            }
        }
        return f;
    }

    /** The last of {@code ordered} (by position) that starts before {@code token}, or null. */
    private static Mention previousOf(List<Mention> ordered, int token) {
        int lo = 0;
        int hi = ordered.size();
        while (lo < hi) { // the first mention starting at or after token
            int mid = (lo + hi) >>> 1;
            if (ordered.get(mid).tokenStart() < token) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? null : ordered.get(lo - 1);
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
