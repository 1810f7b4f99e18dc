package dev.referent.doc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * English personal pronouns with their grammatical features. Used to type mentions, by the model's agreement
 * features, and by the rewriter (which must know "his" is a possessive determiner and "him" an object).
 */
public enum Pronoun {
    I("i", 1, Number.SINGULAR, Gender.ANY, Form.SUBJECT),
    ME("me", 1, Number.SINGULAR, Gender.ANY, Form.OBJECT),
    MY("my", 1, Number.SINGULAR, Gender.ANY, Form.POSSESSIVE_DETERMINER),
    MINE("mine", 1, Number.SINGULAR, Gender.ANY, Form.POSSESSIVE_PRONOUN),
    MYSELF("myself", 1, Number.SINGULAR, Gender.ANY, Form.REFLEXIVE),
    WE("we", 1, Number.PLURAL, Gender.ANY, Form.SUBJECT),
    US("us", 1, Number.PLURAL, Gender.ANY, Form.OBJECT),
    OUR("our", 1, Number.PLURAL, Gender.ANY, Form.POSSESSIVE_DETERMINER),
    OURS("ours", 1, Number.PLURAL, Gender.ANY, Form.POSSESSIVE_PRONOUN),
    OURSELVES("ourselves", 1, Number.PLURAL, Gender.ANY, Form.REFLEXIVE),
    YOU("you", 2, Number.ANY, Gender.ANY, Form.SUBJECT_OR_OBJECT),
    YOUR("your", 2, Number.ANY, Gender.ANY, Form.POSSESSIVE_DETERMINER),
    YOURS("yours", 2, Number.ANY, Gender.ANY, Form.POSSESSIVE_PRONOUN),
    YOURSELF("yourself", 2, Number.SINGULAR, Gender.ANY, Form.REFLEXIVE),
    YOURSELVES("yourselves", 2, Number.PLURAL, Gender.ANY, Form.REFLEXIVE),
    HE("he", 3, Number.SINGULAR, Gender.MASCULINE, Form.SUBJECT),
    HIM("him", 3, Number.SINGULAR, Gender.MASCULINE, Form.OBJECT),
    HIS("his", 3, Number.SINGULAR, Gender.MASCULINE, Form.POSSESSIVE_AMBIGUOUS),
    HIMSELF("himself", 3, Number.SINGULAR, Gender.MASCULINE, Form.REFLEXIVE),
    SHE("she", 3, Number.SINGULAR, Gender.FEMININE, Form.SUBJECT),
    HER("her", 3, Number.SINGULAR, Gender.FEMININE, Form.OBJECT_OR_POSSESSIVE),
    HERS("hers", 3, Number.SINGULAR, Gender.FEMININE, Form.POSSESSIVE_PRONOUN),
    HERSELF("herself", 3, Number.SINGULAR, Gender.FEMININE, Form.REFLEXIVE),
    IT("it", 3, Number.SINGULAR, Gender.NEUTER, Form.SUBJECT_OR_OBJECT),
    ITS("its", 3, Number.SINGULAR, Gender.NEUTER, Form.POSSESSIVE_DETERMINER),
    ITSELF("itself", 3, Number.SINGULAR, Gender.NEUTER, Form.REFLEXIVE),
    THEY("they", 3, Number.PLURAL, Gender.ANY, Form.SUBJECT),
    THEM("them", 3, Number.PLURAL, Gender.ANY, Form.OBJECT),
    THEIR("their", 3, Number.PLURAL, Gender.ANY, Form.POSSESSIVE_DETERMINER),
    THEIRS("theirs", 3, Number.PLURAL, Gender.ANY, Form.POSSESSIVE_PRONOUN),
    THEMSELVES("themselves", 3, Number.PLURAL, Gender.ANY, Form.REFLEXIVE),
    THEMSELF("themself", 3, Number.SINGULAR, Gender.ANY, Form.REFLEXIVE);

    public enum Number { SINGULAR, PLURAL, ANY }

    public enum Gender { MASCULINE, FEMININE, NEUTER, ANY }

    /** Syntactic form; "his" and "her" are ambiguous without a tagger. */
    public enum Form {
        SUBJECT, OBJECT, SUBJECT_OR_OBJECT, POSSESSIVE_DETERMINER, POSSESSIVE_PRONOUN, POSSESSIVE_AMBIGUOUS,
        OBJECT_OR_POSSESSIVE, REFLEXIVE
    }

    private static final Map<String, Pronoun> BY_FORM = new HashMap<>();

    static {
        for (Pronoun p : values()) {
            BY_FORM.put(p.lower, p);
        }
    }

    private final String lower;
    private final int person;
    private final Number number;
    private final Gender gender;
    private final Form form;

    Pronoun(String lower, int person, Number number, Gender gender, Form form) {
        this.lower = lower;
        this.person = person;
        this.number = number;
        this.gender = gender;
        this.form = form;
    }

    /** The pronoun spelled by {@code word}, ignoring case; empty for any other word. */
    public static Optional<Pronoun> of(String word) {
        if (word == null || word.isEmpty() || word.length() > 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_FORM.get(word.toLowerCase(Locale.ROOT)));
    }

    public static boolean isPronoun(String word) {
        return of(word).isPresent();
    }

    public int person() {
        return person;
    }

    public Number number() {
        return number;
    }

    public Gender gender() {
        return gender;
    }

    public Form form() {
        return form;
    }

    public boolean isThirdPerson() {
        return person == 3;
    }

    public boolean isReflexive() {
        return form == Form.REFLEXIVE;
    }
}
