package dev.referent.rewrite;

import dev.referent.doc.Document;
import dev.referent.doc.Mention;

import java.util.Locale;
import java.util.Set;

/**
 * Whether an "it" refers to nothing: an extraposed subject ("it's important that ...", "it is undisputed that
 * ...", "it seems likely to ...") or the weather ("it was drizzling"). The model links such an "it" to a nearby thing
 * now and then, and a replacement there ("the school was drizzling") is always wrong, so the rewriter leaves it as
 * written. Word patterns only: the tokens after the pronoun, lower-cased.
 */
final class Pleonastic {

    /** Verbs, auxiliaries and adverbs that may stand between "it" and the adjective. */
    private static final Set<String> LINKING = Set.of("is", "was", "'s", "’s", "be", "been", "being", "will", "would",
            "may", "might", "can", "could", "should", "must", "seems", "seemed", "seem", "appears", "appeared",
            "became", "becomes", "become", "remains", "remained", "not", "n't", "n’t", "also", "still", "very", "so",
            "quite", "really", "now", "then", "therefore", "thus", "always", "often", "usually", "just", "only",
            "even", "more", "most", "less", "increasingly", "equally", "particularly", "especially", "already");

    /** Adjectives and participles of extraposition ("it is ADJ that/to ..."). */
    private static final Set<String> EXTRAPOSING = Set.of("important", "clear", "possible", "impossible", "likely",
            "unlikely", "necessary", "unnecessary", "difficult", "easy", "hard", "true", "false", "obvious", "evident",
            "essential", "interesting", "surprising", "undisputed", "known", "said", "believed", "thought",
            "expected", "reported", "estimated", "worth", "vital", "crucial", "critical", "good", "bad", "better",
            "best", "fine", "okay", "ok", "nice", "great", "useful", "helpful", "fair", "unfair", "strange", "odd",
            "natural", "common", "rare", "unclear", "apparent", "certain", "uncertain", "doubtful", "sad", "funny",
            "amazing", "wonderful", "tough", "safe", "dangerous", "normal", "appropriate", "time", "unusual",
            "advisable", "recommended", "understood", "agreed", "argued", "claimed", "assumed", "noted", "feared",
            "hoped", "acknowledged", "reasonable", "unreasonable", "wise", "worthwhile", "enough", "fitting");

    /** What follows an extraposing adjective: the extraposed clause. */
    private static final Set<String> CLAUSE = Set.of("that", "to", "whether", "if", "how", "when", "why", "what",
            "who", "where");

    /** Weather and the time of day: "it was drizzling", "it's dark", "it rained". */
    private static final Set<String> WEATHER = Set.of("raining", "rained", "rains", "rain", "drizzling", "drizzled",
            "snowing", "snowed", "snows", "pouring", "sunny", "cloudy", "foggy", "windy", "stormy", "dark", "cold",
            "hot", "warm", "freezing", "chilly", "humid", "late", "early");

    private Pleonastic() {
    }

    /** Whether {@code m} is an "it" that refers to nothing, by the words after it. */
    static boolean isPleonastic(Document doc, Mention m) {
        if (m.size() != 1 || !m.text().equalsIgnoreCase("it")) {
            return false;
        }
        int n = doc.size();
        int t = m.tokenEnd();
        int linking = 0;
        while (t < n && linking < 4 && LINKING.contains(lower(doc, t))) {
            t++;
            linking++;
        }
        if (t >= n) {
            return false;
        }
        String word = lower(doc, t);
        if (WEATHER.contains(word) && (linking > 0 || word.endsWith("ed") || word.endsWith("s"))) {
            return true; // "it was drizzling", "it rained"
        }
        if (linking == 0 || !EXTRAPOSING.contains(word)) {
            return false;
        }
        for (int k = t + 1; k < Math.min(n, t + 4); k++) {
            String w = lower(doc, k);
            if (CLAUSE.contains(w)) {
                return true; // "it's important that", "it is hard for them to"
            }
            if (w.equals(".") || w.equals(";") || w.equals(":")) {
                return false;
            }
        }
        return false;
    }

    private static String lower(Document doc, int t) {
        return doc.token(t).text().toLowerCase(Locale.ROOT);
    }
}
