package dev.referent.model.decode;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Document;
import dev.referent.doc.WordSyntax;
import dev.referent.model.heads.SyntaxHead;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Joins a name that the document repeats to the name's first occurrence, whether or not the scorers linked either
 * of them. On GUM's other genres (GENTLE) most proper-name mentions the model misses are exact repeats of a name
 * ("JavaScript", "Career Week", "Jović") that the scorers left alone at both places, so {@link RepeatedNames}, which
 * only joins words the scorers linked, cannot reach them.
 *
 * <p>A name is a run of NNP/NNPS-tagged words within one sentence ({@link NameRuns}) that holds a capitalised word
 * (a tagger's NNP on a lower-case word is no name). It stands by its syntactic head (the first word whose parsed head
 * lies outside the run), which the span predictor expands to the whole name; not by a word the scorers linked, which
 * may be a modifier naming another entity ("U.S." in "U.S. President Barack Obama"). A run refers back to the first
 * earlier run with the same words, or, failing that, to the first earlier longer run typed as a person that it ends
 * ("Cres Eastman" ... "Eastman"), a personal title before the shorter one aside ("Professor Eastman" or "Dr.
 * Eastman" after "Professor Cres Eastman"), unless the syntax head types the shorter one as something else ("George
 * Washington" ... the city of "Washington"). Left out, because they repeat without naming one entity: an adjectival
 * name ("Australian scientists": relation {@code amod}) and what the syntax head types as a time ("January", "BC").
 * The {@link Clusterer} refuses a join its agreement rules forbid; a later repeat then still tries the first occurrence.
 * (Refusing also the joins that would put he and she pronouns in one cluster, as the pronoun-chain step does, changed
 * nothing on OntoGUM dev or GENTLE and lowered GAP: the model's own pronoun errors then keep a name apart.)
 */
public final class UnlinkedNames {

    private UnlinkedNames() {
    }

    /**
     * Calls {@code join} for each repeated name, in document order, with the earlier occurrence's word first (as
     * {@link RepeatedNames#link} does).
     *
     * @param xpos the model's Penn Treebank tags
     * @param syntax the syntax head's analysis of the document
     */
    public static void link(Document doc, String[] xpos, SyntaxHead.Analysis syntax,
                            BiConsumer<Integer, Integer> join) {
        Map<String, Integer> firstByText = new HashMap<>();
        Map<String, Integer> personByEnding = new HashMap<>();
        for (int[] run : NameRuns.of(doc, xpos)) {
            if (!capitalised(doc, run)) {
                continue;
            }
            int word = syntacticHead(run, syntax.head());
            String type = syntax.attribute("Entity", word);
            if (syntax.relation(word).equals("amod") || type.equals("time")) {
                continue;
            }
            String text = NameRuns.text(doc, run[0], run[1]);
            Integer earlier = firstByText.putIfAbsent(text, word);
            if (earlier == null && !WordSyntax.NOT_PERSON_TYPES.contains(type)) {
                earlier = personByEnding.get(text);
                if (earlier == null && NameRuns.startsWithTitle(doc, run)) {
                    // "Professor Eastman" after "Professor Cres Eastman": the title is no part of the name's ending
                    earlier = personByEnding.get(NameRuns.text(doc, run[0] + 1, run[1]));
                }
            }
            if (type.equals("person")) {
                for (int t = run[1] - 1; t > run[0]; t--) {
                    personByEnding.putIfAbsent(NameRuns.text(doc, t, run[1]), word);
                }
            }
            if (earlier != null) {
                join.accept(earlier, word);
            }
        }
    }

    /** The run's first word whose parsed head lies outside the run, else its last word. */
    private static int syntacticHead(int[] run, int[] parsedHeads) {
        for (int t = run[0]; t < run[1]; t++) {
            if (parsedHeads[t] < run[0] || parsedHeads[t] >= run[1]) {
                return t;
            }
        }
        return run[1] - 1;
    }

    private static boolean capitalised(Document doc, int[] run) {
        for (int t = run[0]; t < run[1]; t++) {
            if (Capitalisation.isCapitalised(doc.token(t).text())) {
                return true;
            }
        }
        return false;
    }
}
