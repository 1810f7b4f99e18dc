package dev.referent.eval.score;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.MentionType;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mention detection by mention type: recall and precision of the predicted mentions (exact spans, clustered ones
 * only, as the scorer sees them) for proper names, nominals and pronouns. Both sides are typed by the gold document's
 * tags at the same span, so a predicted mention is judged by what its words are, not by what the model thought.
 * Where gold mentions are lost is counted too: a word-level model finds a mention by clustering its head word and
 * then expands the head to a span, so the report says how many gold heads head a predicted mention, how many of
 * those got the gold span, and how many of the gold mentions whose head was missed repeat, word for word, another
 * mention of their own entity (what a document-wide name rule can reach).
 */
public final class MentionDetection {

    /**
     * Per type: gold mentions, predicted mentions, those found on both sides, gold mentions whose head word heads a
     * predicted mention, those of them with the gold span, and gold mentions whose head was missed that repeat
     * another mention of their entity word for word.
     */
    public record Report(Map<MentionType, int[]> counts) {

        /** {gold, predicted, matched, head found, head found with the gold span, missed and repeated} for {@code type}. */
        public int[] of(MentionType type) {
            return counts.getOrDefault(type, new int[COUNTS]);
        }

        public double recall(MentionType type) {
            int[] c = of(type);
            return c[0] == 0 ? 0 : (double) c[2] / c[0];
        }

        public double precision(MentionType type) {
            int[] c = of(type);
            return c[1] == 0 ? 0 : (double) c[2] / c[1];
        }
    }

    private static final int COUNTS = 6;

    private MentionDetection() {
    }

    /** Compares the documents pairwise (same ids, same tokens). */
    public static Report score(List<Document> gold, List<Document> predicted) {
        Map<MentionType, int[]> counts = new EnumMap<>(MentionType.class);
        for (int d = 0; d < gold.size(); d++) {
            Document g = gold.get(d);
            Document p = predicted.get(d);
            Set<Long> goldSpans = spans(g);
            Set<Long> predictedSpans = spans(p);
            for (long span : goldSpans) {
                int[] c = counts.computeIfAbsent(type(g, span), t -> new int[COUNTS]);
                c[0]++;
                if (predictedSpans.contains(span)) {
                    c[2]++;
                }
            }
            for (long span : predictedSpans) {
                counts.computeIfAbsent(type(g, span), t -> new int[COUNTS])[1]++;
            }
            Map<Integer, Mention> predictedByHead = new HashMap<>();
            for (Cluster c : p.clusters()) {
                for (Mention m : c.mentions()) {
                    predictedByHead.put(m.head(), m);
                }
            }
            for (Cluster c : g.clusters()) {
                for (Mention m : c.mentions()) {
                    int[] counted = counts.computeIfAbsent(type(g, ((long) m.tokenStart() << 32) | m.tokenEnd()),
                            t -> new int[COUNTS]);
                    Mention found = predictedByHead.get(m.head());
                    if (found != null) {
                        counted[3]++;
                        if (found.sameSpan(m)) {
                            counted[4]++;
                        }
                    } else if (c.mentions().stream().anyMatch(o -> o != m && o.text().equals(m.text()))) {
                        counted[5]++;
                    }
                }
            }
        }
        return new Report(counts);
    }

    private static Set<Long> spans(Document doc) {
        Set<Long> out = new HashSet<>();
        for (Cluster c : doc.clusters()) {
            for (Mention m : c.mentions()) {
                out.add(((long) m.tokenStart() << 32) | m.tokenEnd());
            }
        }
        return out;
    }

    private static MentionType type(Document gold, long span) {
        return gold.mention((int) (span >>> 32), (int) span).type();
    }
}
