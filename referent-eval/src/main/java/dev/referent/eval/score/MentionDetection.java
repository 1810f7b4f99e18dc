package dev.referent.eval.score;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.MentionType;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mention detection by mention type: recall and precision of the predicted mentions (exact spans, clustered ones
 * only, as the scorer sees them) for proper names, nominals and pronouns. Both sides are typed by the gold document's
 * tags at the same span, so a predicted mention is judged by what its words are, not by what the model thought.
 */
public final class MentionDetection {

    /** Per type: gold mentions, predicted mentions, and those found on both sides. */
    public record Report(Map<MentionType, int[]> counts) {

        /** {gold, predicted, matched} for {@code type}. */
        public int[] of(MentionType type) {
            return counts.getOrDefault(type, new int[3]);
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
                int[] c = counts.computeIfAbsent(type(g, span), t -> new int[3]);
                c[0]++;
                if (predictedSpans.contains(span)) {
                    c[2]++;
                }
            }
            for (long span : predictedSpans) {
                counts.computeIfAbsent(type(g, span), t -> new int[3])[1]++;
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
