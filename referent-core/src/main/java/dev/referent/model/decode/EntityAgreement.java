package dev.referent.model.decode;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Document;
import dev.referent.doc.FirstNames;
import dev.referent.doc.Pronoun;
import dev.referent.doc.Titles;
import dev.referent.model.heads.SyntaxHead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Entity-level consistency for decoding: what each word says for certain about the entity it names (a gender, a
 * number), and which of those facts cannot share one cluster. The {@link Clusterer} refuses a link that would put
 * confidently incompatible words in one cluster ("he" and "her"; "it" and "Mrs. Lopez"; "it" and "the companies")
 * and takes the best compatible antecedent instead.
 *
 * <p>Only unambiguous evidence counts: third-person pronouns, a plural common noun (NNS), gendered titles ("Mr.",
 * "Queen") and a known first name that opens a two- or three-word name ("Maria Lopez"). A lone name says nothing
 * ("Kelly" is a surname as often as a first name), nor does a name ending in a word of places and organisations
 * ("John Hopkins University").
 */
public final class EntityAgreement {

    public static final int MASCULINE = 1;
    public static final int FEMININE = 1 << 1;
    /** "it", "its", "itself": not a person. */
    public static final int NEUTER = 1 << 2;
    /** he, she, it and their other forms. */
    public static final int SINGULAR_THIRD = 1 << 3;
    /** A plural common noun (NNS). */
    public static final int PLURAL_NOUN = 1 << 4;
    /** they, them, their, theirs, themselves. */
    public static final int THEY = 1 << 5;
    /** I, me, my, mine, myself. */
    public static final int FIRST_SINGULAR = 1 << 6;
    /** we, us, our, ours, ourselves. */
    public static final int FIRST_PLURAL = 1 << 7;
    /** A name after "the" ("the United States", "the Senate"): a place, an organisation or a thing, not a person. */
    public static final int NOT_PERSON = 1 << 8;
    /** A noun or name the syntax head types as a person (its {@code Entity} attribute). */
    public static final int TYPED_PERSON = 1 << 9;
    /** A noun or name the syntax head types as an organisation, place, object, abstraction, event, time, substance or plant. */
    public static final int TYPED_NOT_PERSON = 1 << 10;
    /** A noun the syntax head marks plural ({@code Number=Plur}). */
    public static final int TYPED_PLURAL = 1 << 11;

    /** The rules that read the syntax head's attributes. */
    private static final Set<String> SYNTAX_RULES = Set.of("entity-type", "number-type");

    /** The named rules, each a list of attribute pairs that must not meet in one cluster. */
    private static final Map<String, int[][]> RULES = new LinkedHashMap<>();

    static {
        RULES.put("gender", new int[][] {{MASCULINE, FEMININE}, {MASCULINE, NEUTER}, {FEMININE, NEUTER}});
        RULES.put("number", new int[][] {{SINGULAR_THIRD, PLURAL_NOUN}});
        RULES.put("they", new int[][] {{SINGULAR_THIRD, THEY}});
        RULES.put("first-person", new int[][] {{FIRST_SINGULAR, FIRST_PLURAL}});
        RULES.put("animacy", new int[][] {{MASCULINE, NOT_PERSON}, {FEMININE, NOT_PERSON}});
        RULES.put("entity-type", new int[][] {{MASCULINE, TYPED_NOT_PERSON}, {FEMININE, TYPED_NOT_PERSON},
                {NEUTER, TYPED_PERSON}});
        RULES.put("number-type", new int[][] {{SINGULAR_THIRD, TYPED_PLURAL}});
    }

    /** Words that end names of places and organisations rather than of people. */
    private static final Set<String> NOT_PERSON_ENDINGS = Set.of("university", "college", "school", "institute",
            "hospital", "center", "centre", "foundation", "company", "corporation", "corp.", "inc.", "inc", "ltd",
            "ltd.", "co.", "group", "bank", "street", "st.", "avenue", "road", "square", "park", "bridge", "airport",
            "station", "hall", "house", "museum", "library", "church", "cathedral", "stadium", "arena", "theatre",
            "theater", "award", "prize", "fund", "trust", "society", "association", "club", "party", "council",
            "committee", "county", "city", "island", "river", "lake", "mountain", "valley", "building", "tower",
            "hotel", "act", "law", "day", "bay", "port", "fort", "village", "town", "league", "cup", "show", "studios",
            "records", "press", "times", "post", "news", "journal", "magazine");

    private final int[] conflictA;
    private final int[] conflictB;
    private final String spec;
    private final boolean needsSyntax;

    private EntityAgreement(String spec, int[][] pairs, boolean needsSyntax) {
        this.spec = spec;
        this.needsSyntax = needsSyntax;
        this.conflictA = new int[pairs.length];
        this.conflictB = new int[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            conflictA[k] = pairs[k][0];
            conflictB[k] = pairs[k][1];
        }
    }

    /**
     * The rules named in {@code spec} (comma-separated: gender, number, they, first-person; empty or "none": no rule).
     *
     * @throws IllegalArgumentException naming an unknown rule and the known ones
     */
    public static EntityAgreement of(String spec) {
        List<int[]> pairs = new ArrayList<>();
        boolean syntax = false;
        String s = spec == null ? "" : spec.strip();
        if (!s.isEmpty() && !s.equals("none")) {
            for (String name : s.split("\\s*,\\s*")) {
                int[][] rule = RULES.get(name);
                if (rule == null) {
                    throw new IllegalArgumentException("unknown agreement rule '" + name + "'; rules: " + RULES.keySet());
                }
                pairs.addAll(List.of(rule));
                syntax |= SYNTAX_RULES.contains(name);
            }
        }
        return new EntityAgreement(s.isEmpty() ? "none" : s, pairs.toArray(new int[0][]), syntax);
    }

    /** The names of the rules, for messages and the model's settings. */
    public static Set<String> ruleNames() {
        return RULES.keySet();
    }

    public boolean isEmpty() {
        return conflictA.length == 0;
    }

    /** Whether a rule reads the syntax head's attributes (entity-type, number-type). */
    public boolean needsSyntax() {
        return needsSyntax;
    }

    /** Whether words (or clusters) with attribute sets {@code a} and {@code b} may name one entity. */
    public boolean compatible(int a, int b) {
        int both = a | b;
        for (int k = 0; k < conflictA.length; k++) {
            if ((both & conflictA[k]) != 0 && (both & conflictB[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The attribute set of each word of {@code doc}; {@code xpos} are the model's Penn Treebank tags. */
    public static int[] attributes(Document doc, String[] xpos) {
        return attributes(doc, xpos, null);
    }

    /**
     * The attribute set of each word of {@code doc}, with the syntax head's entity types and number of nouns and names
     * when {@code syntax} is not null.
     */
    public static int[] attributes(Document doc, String[] xpos, SyntaxHead.Analysis syntax) {
        int n = doc.size();
        int[] out = new int[n];
        if (syntax != null) {
            for (int i = 0; i < n; i++) {
                if (xpos[i] == null || !xpos[i].startsWith("NN")) {
                    continue; // pronouns keep their own forms' attributes
                }
                String type = syntax.attribute("Entity", i);
                if (type.equals("person")) {
                    out[i] |= TYPED_PERSON;
                } else if (dev.referent.doc.WordSyntax.NOT_PERSON_TYPES.contains(type)) {
                    out[i] |= TYPED_NOT_PERSON;
                }
                if (syntax.attribute("Number", i).equals("Plur")) {
                    out[i] |= TYPED_PLURAL;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            String text = doc.token(i).text();
            Optional<Pronoun> p = Capitalisation.isAllCapitals(text) ? Optional.empty() : Pronoun.of(text); // "US", "IT"
            if (p.isPresent()) {
                out[i] = pronounAttributes(p.get());
            } else if ("NNS".equals(xpos[i])) {
                out[i] |= PLURAL_NOUN; // beside the syntax head's type and number of the noun
            }
        }
        // names: a run of proper nouns within a sentence, gendered by a title or a known first name
        for (int[] run : NameRuns.of(doc, xpos)) {
            int start = run[0];
            int i = run[1];
            int gender = nameGender(doc, start, i);
            if (gender == 0 && start > 0 && lower(doc, start - 1).equals("the")
                    && !Titles.BEFORE_NAME.contains(lower(doc, start))) {
                gender = NOT_PERSON; // "the United States", but not "the President Donald Trump"
            }
            for (int t = start; t < i; t++) {
                out[t] |= gender;
            }
        }
        return out;
    }

    private static int nameGender(Document doc, int start, int end) {
        String first = lower(doc, start);
        if (start > 0) {
            String before = lower(doc, start - 1); // "Mr." tagged as another part of speech
            if (Titles.MASCULINE.contains(before) && !Titles.FEMININE.contains(first)) {
                return MASCULINE;
            }
            if (Titles.FEMININE.contains(before) && !Titles.MASCULINE.contains(first)) {
                return FEMININE;
            }
        }
        if (end - start >= 2 && Titles.MASCULINE.contains(first)) {
            return MASCULINE;
        }
        if (end - start >= 2 && Titles.FEMININE.contains(first)) {
            return FEMININE;
        }
        if (end - start < 2 || end - start > 3 || NOT_PERSON_ENDINGS.contains(lower(doc, end - 1))) {
            return 0;
        }
        Optional<Pronoun.Gender> g = FirstNames.genderOf(doc.token(start).text());
        if (g.isEmpty()) {
            return 0;
        }
        return g.get() == Pronoun.Gender.MASCULINE ? MASCULINE : FEMININE;
    }

    /**
     * {@link #MASCULINE} for he, him, his, himself; {@link #FEMININE} for she, her, hers, herself; 0 for any other word
     * (read as {@link #attributes} reads pronouns: "US" and "IT" are no pronouns).
     */
    static int personalPronounGender(String word) {
        if (Capitalisation.isAllCapitals(word)) {
            return 0;
        }
        return Pronoun.of(word).map(EntityAgreement::pronounAttributes).orElse(0) & (MASCULINE | FEMININE);
    }

    private static int pronounAttributes(Pronoun p) {
        if (p.person() == 1) {
            return p.number() == Pronoun.Number.PLURAL ? FIRST_PLURAL : FIRST_SINGULAR;
        }
        if (!p.isThirdPerson()) {
            return 0;
        }
        if (p.number() == Pronoun.Number.PLURAL) {
            return THEY;
        }
        return switch (p.gender()) {
            case MASCULINE -> MASCULINE | SINGULAR_THIRD;
            case FEMININE -> FEMININE | SINGULAR_THIRD;
            case NEUTER -> NEUTER | SINGULAR_THIRD;
            default -> 0; // "themself"
        };
    }

    private static String lower(Document doc, int t) {
        return doc.token(t).text().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return spec;
    }
}
