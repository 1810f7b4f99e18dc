package dev.referent.model.decode;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Capitalisation;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.model.heads.RoughScorer;
import dev.referent.model.heads.SpanPredictor;
import dev.referent.model.heads.SyntaxHead;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decoding: from the scorers' antecedent scores to clusters of mentions. Word by word in document order, each word
 * takes its best-scoring candidate antecedent that beats the link threshold (the dummy antecedent scores 0) and whose
 * cluster so far agrees with it ({@link EntityAgreement}: a link that would put "he" and "her" in one cluster is
 * refused and the next best compatible antecedent taken) and which agrees with it word to word (the word-level rules,
 * which ignore what the two clusters hold); linked words are joined (union-find), a
 * chain of he/she pronouns without a name may take the name its members score highest (optional), the {@link
 * DecodingStep}s join further words where the clusters agree ({@link RepeatedNames}), a repeated name may join its
 * first occurrence even where the scorers linked neither (optional, {@link UnlinkedNames}), and the span predictor
 * expands each linked head word to its mention. Stateless apart from its settings: one instance serves all threads.
 */
public final class Clusterer {

    /**
     * What decoding yields for one document.
     *
     * @param clusters the clusters; each mention carries its link probability as {@link Mention#linkConfidence()}
     * @param antecedents each word's antecedent distribution (softmax over its candidates and the dummy)
     */
    public record Result(List<Cluster> clusters, AntecedentScores antecedents) {
    }

    /**
     * The rules decoding obeys beside the scores; {@link #NONE}: every link the scores choose is taken.
     *
     * @param agreement which words may not share a cluster ({@link EntityAgreement}), checked between the two clusters
     *                  a link would join
     * @param wordAgreement which words may not be linked to each other directly, checked between the two words only
     *                      and not their clusters: a "her" is not linked to a "he" or to a name typed masculine, but a
     *                      cluster that an earlier wrong link made "masculine" still takes it (the cluster-level gender
     *                      rule lets one early error refuse every later right link)
     * @param binding whether a pronoun and another argument of its verb may not share a cluster (needs the syntax
     *                head's analysis; see {@link SyntacticConstraints})
     * @param expletives whether a word parsed as an expletive ("it is clear that") takes no antecedent
     * @param pronounChains which chains of he/she pronouns join the name their members score highest above the link
     *                      threshold ({@link PronounChains}; after the antecedent choice, before the decoding steps, so
     *                      that {@link RepeatedNames} also joins the names the chains took)
     * @param unlinkedNames whether a repeated name joins its first occurrence even where the scorers linked neither
     *                      ({@link UnlinkedNames}; after the decoding steps; needs the syntax head's analysis)
     */
    public record Rules(EntityAgreement agreement, EntityAgreement wordAgreement, boolean binding, boolean expletives,
                        PronounChains pronounChains, boolean unlinkedNames) {

        public static final Rules NONE = new Rules(EntityAgreement.of("none"), EntityAgreement.of("none"), false, false,
                PronounChains.OFF, false);

        public Rules withAgreement(EntityAgreement newAgreement) {
            return new Rules(newAgreement, wordAgreement, binding, expletives, pronounChains, unlinkedNames);
        }

        public Rules withWordAgreement(EntityAgreement newWordAgreement) {
            return new Rules(agreement, newWordAgreement, binding, expletives, pronounChains, unlinkedNames);
        }

        public Rules withBinding(boolean on) {
            return new Rules(agreement, wordAgreement, on, expletives, pronounChains, unlinkedNames);
        }

        public Rules withExpletives(boolean on) {
            return new Rules(agreement, wordAgreement, binding, on, pronounChains, unlinkedNames);
        }

        public Rules withPronounChains(PronounChains scope) {
            return new Rules(agreement, wordAgreement, binding, expletives, scope, unlinkedNames);
        }

        public Rules withUnlinkedNames(boolean on) {
            return new Rules(agreement, wordAgreement, binding, expletives, pronounChains, on);
        }

        /** Whether a rule reads the syntax head's analysis. */
        public boolean readSyntax() {
            return binding || expletives || unlinkedNames || agreement.needsSyntax() || wordAgreement.needsSyntax();
        }
    }

    /**
     * Which clusters the pronoun-chain step gives a name. A word links to its single best antecedent, and for a
     * pronoun that is often the pronoun before it, so a chain of pronouns can miss the name that each of them scores
     * above the link threshold ("Cheryl Cassidy ... she ... her ... her").
     */
    public enum PronounChains {
        /** No chain takes a name. */
        OFF,
        /** A cluster of he/she pronouns and no other word. */
        PRONOUNS,
        /**
         * A cluster that holds he/she pronouns and no proper name, whatever else it holds: a description ("a Scottish
         * television and stage actress ... her ... she") or another pronoun ("She ... my ... she").
         */
        UNNAMED;

        /** {@code false}, {@code pronouns} (also {@code true}: the step's first form) or {@code unnamed}. */
        public static PronounChains of(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "false" -> OFF;
                case "true", "pronouns" -> PRONOUNS;
                case "unnamed" -> UNNAMED;
                default -> throw new IllegalArgumentException("'" + value + "' is not false, pronouns or unnamed");
            };
        }
    }

    private final SpanPredictor spans;
    private final float linkThreshold;
    private final List<DecodingStep> steps;
    private final Rules rules;

    /**
     * @param spans expands head words to mentions
     * @param linkThreshold a word links only if its best antecedent's score is above this
     * @param steps applied in order after the antecedent choice
     */
    public Clusterer(SpanPredictor spans, float linkThreshold, List<DecodingStep> steps) {
        this(spans, linkThreshold, steps, Rules.NONE);
    }

    /** @param rules the rules decoding obeys beside the scores */
    public Clusterer(SpanPredictor spans, float linkThreshold, List<DecodingStep> steps, Rules rules) {
        this.spans = spans;
        this.linkThreshold = linkThreshold;
        this.steps = List.copyOf(steps);
        this.rules = rules;
    }

    /**
     * Clusters the words of {@code doc}.
     *
     * @param doc the document, tokens tagged as the model tags them
     * @param xpos the predicted Penn Treebank tag of each word
     * @param u the scorers' word vectors (row-major, words x {@code d})
     * @param candidates each word's candidate antecedents and their coarse scores
     * @param fine the fine pair scores, parallel to {@code candidates}
     */
    public Result cluster(Document doc, String[] xpos, float[] u, int d, RoughScorer.Candidates candidates,
                          float[][] fine) {
        return cluster(doc, xpos, null, u, d, candidates, fine);
    }

    /**
     * As {@link #cluster(Document, String[], float[], int, RoughScorer.Candidates, float[][])}, with the syntax
     * head's analysis of the document for the rules that read it (null: those rules have nothing to read).
     */
    public Result cluster(Document doc, String[] xpos, SyntaxHead.Analysis syntax, float[] u, int d,
                          RoughScorer.Candidates candidates, float[][] fine) {
        int n = doc.size();
        SyntacticConstraints constraints = SyntacticConstraints.of(doc, syntax, rules.binding(), rules.expletives());
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        float[] linkProbability = new float[n];
        boolean[] inLink = new boolean[n];
        float[][] distribution = new float[n][];
        // what each cluster so far says of its entity, by union-find root (null: no agreement rule)
        EntityAgreement agreement = rules.agreement();
        int[] entity = agreement.isEmpty() ? null
                : EntityAgreement.attributes(doc, xpos, agreement.needsSyntax() ? syntax : null);
        // what each word alone says of its entity (null: no word-level rule); never merged, so a copy of the clusters'
        // starting attributes where both read the same analysis
        EntityAgreement words = rules.wordAgreement();
        int[] wordAttributes = words.isEmpty() ? null
                : entity != null && words.needsSyntax() == agreement.needsSyntax() ? entity.clone()
                : EntityAgreement.attributes(doc, xpos, words.needsSyntax() ? syntax : null);
        for (int i = 0; i < n; i++) {
            int[] ants = candidates.antecedents()[i];
            float[] total = new float[ants.length];
            for (int k = 0; k < ants.length; k++) {
                total[k] = candidates.scores()[i][k] + fine[i][k];
            }
            // the dummy antecedent scores 0; a word links only if its best compatible antecedent beats the tuned
            // threshold (earlier words are decided, so the candidate's cluster is complete up to this word)
            float best = linkThreshold;
            int bestJ = -1;
            for (int k = 0; k < ants.length; k++) {
                if (total[k] > best && joinable(parent, entity, wordAttributes, constraints, i, ants[k])) {
                    best = total[k];
                    bestJ = ants[k];
                }
            }
            // softmax over the candidates and the dummy (score 0), kept for the rewriter's confidence
            double max = 0;
            for (float t : total) {
                max = Math.max(max, t);
            }
            double z = Math.exp(-max);
            for (float t : total) {
                z += Math.exp(t - max);
            }
            distribution[i] = new float[ants.length];
            for (int k = 0; k < ants.length; k++) {
                distribution[i][k] = (float) (Math.exp(total[k] - max) / z);
            }
            if (bestJ >= 0) {
                float p = (float) (Math.exp(best - max) / z);
                union(parent, entity, constraints, i, bestJ);
                inLink[i] = true;
                inLink[bestJ] = true;
                linkProbability[i] = Math.max(linkProbability[i], p);
                linkProbability[bestJ] = Math.max(linkProbability[bestJ], p);
            }
        }
        if (rules.pronounChains() != PronounChains.OFF) {
            nameChains(doc, xpos, syntax, candidates, fine, distribution, parent, entity, wordAttributes, constraints,
                    inLink, linkProbability);
        }
        for (DecodingStep step : steps) {
            step.apply(doc, xpos, inLink, (a, b) -> {
                if (joinable(parent, entity, wordAttributes, constraints, a, b)) {
                    union(parent, entity, constraints, a, b);
                }
            });
        }
        if (rules.unlinkedNames() && syntax != null) {
            UnlinkedNames.link(doc, xpos, syntax, (earlier, later) -> {
                int ra = find(parent, earlier);
                if (ra == find(parent, later)
                        || !joinable(parent, entity, wordAttributes, constraints, earlier, later)) {
                    return;
                }
                // the mentions carry the scorers' probability for this link: the best share of the later word's
                // antecedent distribution on the earlier word's cluster (0 when no member is among its candidates,
                // as in a long document where the first occurrence is far back), kept as the best link of each word
                float p = bestShareOn(candidates, distribution, later, parent, ra);
                union(parent, entity, constraints, earlier, later);
                linkProbability[earlier] = Math.max(linkProbability[earlier], p);
                linkProbability[later] = Math.max(linkProbability[later], p);
                inLink[earlier] = true;
                inLink[later] = true;
            });
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (inLink[i]) {
                groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        Set<Long> usedSpans = new HashSet<>();
        float[] spanProjections = spans.project(u, n, d);
        for (List<Integer> heads : groups.values()) {
            List<Mention> mentions = new ArrayList<>();
            for (int head : heads) {
                int[] span = spans.span(doc, u, d, head, spanProjections);
                long key = ((long) span[0] << 32) | span[1];
                if (!usedSpans.add(key)) {
                    continue; // two heads expanded to the same span: keep the first
                }
                mentions.add(doc.mention(span[0], span[1], head).withLinkConfidence(linkProbability[head]));
            }
            if (mentions.size() >= 2) {
                clusters.add(new Cluster(clusters.size(), mentions));
            }
        }
        return new Result(clusters, new AntecedentScores(candidates.antecedents(), distribution));
    }

    /**
     * Joins each chain of he/she pronouns that the rules' {@link PronounChains} scope admits to the proper name its
     * members score highest above the link threshold. A chain never joins a cluster whose he/she pronouns are of the
     * other gender (two chains, "he ... his" and "she ... her", do not both take one name), nor does a chain of both
     * genders join.
     */
    private void nameChains(Document doc, String[] xpos, SyntaxHead.Analysis syntax, RoughScorer.Candidates candidates,
                            float[][] fine, float[][] distribution, int[] parent, int[] entity, int[] wordAttributes,
                            SyntacticConstraints constraints, boolean[] inLink, float[] linkProbability) {
        int n = doc.size();
        boolean pronounsOnly = rules.pronounChains() == PronounChains.PRONOUNS;
        boolean[] persons = personNames(doc, xpos, syntax);
        Map<Integer, List<Integer>> chains = new LinkedHashMap<>();
        // the clusters the scope leaves out: with another word than a he/she pronoun, or with a proper name
        Set<Integer> excluded = new HashSet<>();
        // the genders of each cluster's he/she pronouns, by union-find root (EntityAgreement's gender bits)
        int[] genders = new int[n];
        for (int i = 0; i < n; i++) {
            if (!inLink[i]) {
                continue;
            }
            int root = find(parent, i);
            chains.computeIfAbsent(root, k -> new ArrayList<>()).add(i);
            int gender = EntityAgreement.personalPronounGender(doc.token(i).text());
            genders[root] |= gender;
            if (pronounsOnly ? gender == 0 : NameRuns.isProper(xpos[i])) {
                excluded.add(root);
            }
        }
        for (Map.Entry<Integer, List<Integer>> chain : chains.entrySet()) {
            int chainRoot = chain.getKey();
            // a cluster without he/she pronouns ("the company ... it") is no chain of this step
            if (excluded.contains(chainRoot) || genders[chainRoot] == 0 || genders[chainRoot] == BOTH_GENDERS) {
                continue;
            }
            float best = linkThreshold;
            int bestWord = -1;
            int bestName = -1;
            int bestK = -1;
            for (int word : chain.getValue()) {
                int[] ants = candidates.antecedents()[word];
                for (int k = 0; k < ants.length; k++) {
                    float total = candidates.scores()[word][k] + fine[word][k];
                    if (total > best && persons[ants[k]]
                            && (genders[chainRoot] | genders[find(parent, ants[k])]) != BOTH_GENDERS
                            && joinable(parent, entity, wordAttributes, constraints, word, ants[k])) {
                        best = total;
                        bestWord = word;
                        bestName = ants[k];
                        bestK = k;
                    }
                }
            }
            if (bestName >= 0) {
                int merged = genders[chainRoot] | genders[find(parent, bestName)];
                union(parent, entity, constraints, bestWord, bestName);
                genders[find(parent, bestName)] = merged;
                inLink[bestName] = true;
                float p = distribution[bestWord][bestK];
                linkProbability[bestWord] = Math.max(linkProbability[bestWord], p);
                linkProbability[bestName] = Math.max(linkProbability[bestName], p);
            }
        }
    }

    /**
     * Which words are a person's name that a chain of he/she pronouns may take: a capitalised word of a run of proper
     * nouns (a tagger's NNP on "51" in "a 51-year-old" is no name), not written in capitals (an acronym: "PTLD", a
     * disease, took a patient's "he" chain), and, with the syntax head's analysis, in a run it types as a person.
     */
    private static boolean[] personNames(Document doc, String[] xpos, SyntaxHead.Analysis syntax) {
        boolean[] out = new boolean[doc.size()];
        for (int[] run : NameRuns.of(doc, xpos)) {
            boolean person = syntax == null;
            for (int t = run[0]; t < run[1] && !person; t++) {
                person = syntax.attribute("Entity", t).equals("person");
            }
            for (int t = run[0]; t < run[1] && person; t++) {
                String text = doc.token(t).text();
                out[t] = Capitalisation.isCapitalised(text) && !Capitalisation.isAllCapitals(text);
            }
        }
        return out;
    }

    /** The largest share of word {@code i}'s antecedent distribution on a candidate in the cluster of {@code root}. */
    private static float bestShareOn(RoughScorer.Candidates candidates, float[][] distribution, int i, int[] parent,
                                     int root) {
        int[] ants = candidates.antecedents()[i];
        float best = 0;
        for (int k = 0; k < ants.length; k++) {
            if (find(parent, ants[k]) == root) {
                best = Math.max(best, distribution[i][k]);
            }
        }
        return best;
    }

    private static final int BOTH_GENDERS = EntityAgreement.MASCULINE | EntityAgreement.FEMININE;

    /**
     * Whether the clusters of words a and b may become one: the two words agree, their clusters' entities agree and no
     * constraint parts them.
     */
    private boolean joinable(int[] parent, int[] entity, int[] wordAttributes, SyntacticConstraints constraints,
                             int a, int b) {
        if (constraints.expletive(a) || constraints.expletive(b)) {
            return false;
        }
        if (wordAttributes != null && !rules.wordAgreement().compatible(wordAttributes[a], wordAttributes[b])) {
            return false;
        }
        int ra = find(parent, a);
        int rb = find(parent, b);
        return (entity == null || rules.agreement().compatible(entity[ra], entity[rb]))
                && constraints.joinable(parent, ra, rb);
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int[] entity, SyntacticConstraints constraints, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
            if (entity != null) {
                entity[Math.min(ra, rb)] |= entity[Math.max(ra, rb)];
            }
            constraints.joined(Math.min(ra, rb), Math.max(ra, rb));
        }
    }
}
