package dev.referent.model.decode;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.model.heads.RoughScorer;
import dev.referent.model.heads.SpanPredictor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoding: from the scorers' antecedent scores to clusters of mentions. Each word takes its best-scoring candidate
 * antecedent if that beats the link threshold (the dummy antecedent scores 0), linked words are joined (union-find),
 * the {@link DecodingStep}s join further words ({@link RepeatedNames}), and the span predictor expands each linked
 * head word to its mention. Stateless apart from its settings: one instance serves all threads.
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

    private final SpanPredictor spans;
    private final float linkThreshold;
    private final List<DecodingStep> steps;

    /**
     * @param spans expands head words to mentions
     * @param linkThreshold a word links only if its best antecedent's score is above this
     * @param steps applied in order after the antecedent choice
     */
    public Clusterer(SpanPredictor spans, float linkThreshold, List<DecodingStep> steps) {
        this.spans = spans;
        this.linkThreshold = linkThreshold;
        this.steps = List.copyOf(steps);
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
        int n = doc.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        float[] linkProbability = new float[n];
        boolean[] inLink = new boolean[n];
        float[][] distribution = new float[n][];
        for (int i = 0; i < n; i++) {
            int[] ants = candidates.antecedents()[i];
            // the dummy antecedent scores 0; a word links only if its best antecedent beats the tuned threshold
            float best = linkThreshold;
            int bestJ = -1;
            float[] total = new float[ants.length];
            for (int k = 0; k < ants.length; k++) {
                total[k] = candidates.scores()[i][k] + fine[i][k];
                if (total[k] > best) {
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
                union(parent, i, bestJ);
                inLink[i] = true;
                inLink[bestJ] = true;
                linkProbability[i] = Math.max(linkProbability[i], p);
                linkProbability[bestJ] = Math.max(linkProbability[bestJ], p);
            }
        }
        for (DecodingStep step : steps) {
            step.apply(doc, xpos, inLink, (a, b) -> union(parent, a, b));
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

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
