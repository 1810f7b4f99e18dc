package dev.referent.rewrite;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.FirstNames;
import dev.referent.doc.Mention;
import dev.referent.doc.Pronoun;
import dev.referent.doc.Titles;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a pronoun may be replaced by a representative at all: a singular pronoun never by a plural
 * representative ("she" -> "the parents"), a gendered one never by a title of the other gender, and the pronoun must not be outvoted by the other gendered pronouns of its own cluster ("He thanked her"
 * with he and her in one cluster: "her" agrees with the cluster's "she", "He" does not, so "He" stays as written).
 */
final class Agreement {

    private Agreement() {
    }

    static boolean allows(Document doc, Cluster cluster, Mention m, Representative rep) {
        Optional<Pronoun> pronoun = m.size() == 1 ? Pronoun.of(m.text()) : Optional.empty();
        if (pronoun.isEmpty()) {
            return true;
        }
        int group = group(pronoun.get());
        if (group < 0) {
            return true;
        }
        if (group <= 2 && rep.plural()) {
            return false; // "she" -> "the parents"
        }
        if (group == 3 && !rep.plural() && !rep.proper() && rep.lowerCaseMidSentence()) {
            // "their countries" -> "the treaty's countries": a plural pronoun for a singular determined description
            // (a name, "Google ... they", may still be an organisation's "they"); on OntoGUM dev and GENTLE this
            // refused more wrong replacements than right ones
            return false;
        }
        if (titleConflict(doc, rep, group)) {
            return false;
        }
        if (group <= 3) {
            int same = 0;
            int other = 0;
            for (Mention o : cluster.mentions()) {
                if (o == m || o.size() != 1) {
                    continue;
                }
                Optional<Pronoun> p = Pronoun.of(o.text());
                if (p.isPresent()) {
                    int g = group(p.get());
                    if (g == group) {
                        same++;
                    } else if (g >= 0 && !(group == 3 && g <= 1) && !(g == 3 && group <= 1)) {
                        other++; // he/she against "they" is left out: a person may be "they"
                    }
                }
            }
            // outvoted by pronouns of another gender or number ("it" and "its" against one "their" for the treaty):
            // the cluster joins two entities, or this pronoun is not the entity's
            return other <= same;
        }
        return true;
    }

    /** he-words 0, she-words 1, it-words 2, they-words 3, other (first and second person, "themself") -1. */
    static int group(Pronoun p) {
        if (!p.isThirdPerson()) {
            return -1;
        }
        if (p.number() == Pronoun.Number.PLURAL) {
            return 3;
        }
        return switch (p.gender()) {
            case MASCULINE -> 0;
            case FEMININE -> 1;
            case NEUTER -> 2;
            default -> -1;
        };
    }

    /**
     * The representative opens with a title or a first name of the other gender ("Mrs. Lopez" or "Maria Lopez" for
     * "he"), or of either for "it". First names from {@link FirstNames}; a name given to both genders says nothing.
     */
    static boolean titleConflict(Document doc, Representative rep, int group) {
        Mention m = rep.mention();
        boolean masculine = false;
        boolean feminine = false;
        for (int t = m.tokenStart(); t < Math.min(m.tokenEnd(), m.tokenStart() + 3); t++) {
            String w = doc.token(t).text().toLowerCase(Locale.ROOT);
            masculine |= Titles.MASCULINE.contains(w);
            feminine |= Titles.FEMININE.contains(w);
        }
        if (rep.proper() && !masculine && !feminine) {
            // the first word of a person's name as written ("John Kelly" out of "Chief of Staff John Kelly"); a lone
            // surname that is also a first name ("Kelly") counts too: on GAP development that refused twice as many
            // wrong replacements as right ones, and for a reader a pronoun left as written beats a wrong name
            String first = rep.text().split("[\\s]+")[0];
            if (Capitalisation.isCapitalised(first)) {
                Optional<Pronoun.Gender> g = FirstNames.genderOf(first);
                masculine = g.isPresent() && g.get() == Pronoun.Gender.MASCULINE;
                feminine = g.isPresent() && g.get() == Pronoun.Gender.FEMININE;
            }
        }
        return switch (group) {
            case 0 -> feminine && !masculine;
            case 1 -> masculine && !feminine;
            case 2 -> masculine || feminine;
            default -> false;
        };
    }
}
