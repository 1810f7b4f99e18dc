package dev.referent.model.decode;

import dev.referent.doc.Document;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@link DecodingStep} of the {@link Clusterer}: joins the clusters of a repeated proper name after the scorers have
 * linked words: the small encoder often splits one person's chain in two ("Professor Eastman ... he" and a later
 * "Professor Eastman ... his"). A name is a run of NNP/NNPS-tagged words within one sentence. A run refers back to the first earlier run that it repeats or ends
 * ("Cres Eastman" ... "Eastman"), or, when either run starts with a title, to one with the same last word ("Mary
 * Chaworth" ... "Miss Chaworth"). Two runs are joined only where the scorers linked a word of each: linking a name
 * they left alone, or matching last words without a title ("Coron Island", "Busuanga Island"), cost precision on
 * OntoGUM dev (docs/BENCHMARKS.md).
 */
public final class RepeatedNames {

    private RepeatedNames() {
    }

    /**
     * Calls {@code join} with one linked word of each pair of runs that name the same entity; {@code linked} says which
     * words the scorers put in a cluster (with an antecedent or as one).
     */
    public static void link(Document doc, String[] xpos, boolean[] linked, BiConsumer<Integer, Integer> join) {
        Map<String, int[]> firstRun = new HashMap<>();
        for (int[] run : NameRuns.of(doc, xpos)) {
            int start = run[0];
            int i = run[1];
            // the run's full name and each shorter ending of it ("Cres Eastman", "Eastman"), first occurrence kept
            int[] earlier = null;
            for (int t = i - 1; t >= start; t--) {
                String ending = NameRuns.text(doc, t, i);
                if (t == start) {
                    earlier = firstRun.get(ending);
                }
                firstRun.putIfAbsent(ending, run);
            }
            String lastWord = "last word: " + doc.token(i - 1).text();
            int[] sameLastWord = firstRun.putIfAbsent(lastWord, run);
            if (earlier == null && sameLastWord != null && (NameRuns.startsWithTitle(doc, run) || NameRuns.startsWithTitle(doc, sameLastWord))) {
                earlier = sameLastWord;
            }
            if (earlier == null) {
                continue;
            }
            int a = firstLinked(linked, earlier);
            int b = firstLinked(linked, run);
            if (a >= 0 && b >= 0) {
                join.accept(a, b);
            }
        }
    }

    private static int firstLinked(boolean[] linked, int[] run) {
        for (int t = run[0]; t < run[1]; t++) {
            if (linked[t]) {
                return t;
            }
        }
        return -1;
    }

}
