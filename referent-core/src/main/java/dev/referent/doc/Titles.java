package dev.referent.doc;

import java.util.HashSet;
import java.util.Set;

/**
 * The one list of personal titles, lower-cased, in named sets: which titles start a person's name, which say the
 * person's gender, and which words of office may stand before a name. (The tokenizer's abbreviations that never end a
 * sentence, "Mr." and "No." alike, answer another question and stay with the tokenizer.)
 */
public final class Titles {

    /**
     * Titles that start a person's name ("Miss Chaworth", "President Obama") and never the name of an organisation or
     * a place: words that also start those ("Justice Department", "General Motors", "King Street") are left out, so
     * that two names with the same last word after one of these are the same person (the repeated-name rule).
     */
    public static final Set<String> PERSONAL = Set.of(
            "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr.", "prof", "prof.", "professor",
            "sir", "dame", "lord", "lady", "president", "senator", "sen.", "rep.", "representative", "congressman",
            "congresswoman", "governor", "gov.", "mayor", "judge", "colonel", "col.", "captain", "capt.", "lieutenant",
            "lt.", "sergeant", "sgt.", "admiral", "chancellor", "emperor", "empress", "pope", "rev.", "reverend",
            "archbishop", "cardinal", "rabbi", "imam", "sheikh", "ambassador", "detective", "inspector");

    /**
     * Words of office that may stand before a person's name ("Chief of Staff John Kelly", "Prime Minister May") but
     * also start other names ("Justice Department", "General Motors"), or only with other words make a title.
     */
    public static final Set<String> OFFICE_WORDS = Set.of(
            "vice", "secretary", "chief", "staff", "minister", "prime", "premier", "director", "general", "gen.",
            "justice", "chairman", "chairwoman", "chair", "ceo", "spokesman", "spokeswoman", "spokesperson", "king",
            "queen", "prince", "princess", "officer", "commissioner", "attorney", "leader", "speaker", "deputy",
            "adviser", "advisor", "coach", "manager", "founder", "executive", "treasurer", "counsel", "state",
            "defense", "press", "editor", "correspondent", "analyst");

    /** Everything that may stand before a person's name: {@link #PERSONAL} and {@link #OFFICE_WORDS}. */
    public static final Set<String> BEFORE_NAME = union(PERSONAL, OFFICE_WORDS);

    /** Titles and forms of address that say a man is meant ("Mr. Lopez", "Father Brown"). */
    public static final Set<String> MASCULINE = Set.of("mr", "mr.", "sir", "lord", "king", "prince", "duke",
            "emperor", "pope", "father", "brother", "uncle", "congressman", "mister");

    /** Titles and forms of address that say a woman is meant ("Mrs. Lopez", "Queen Elizabeth"). */
    public static final Set<String> FEMININE = Set.of("mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady",
            "dame", "queen", "princess", "duchess", "empress", "mother", "sister", "aunt", "congresswoman", "madame");

    private Titles() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
