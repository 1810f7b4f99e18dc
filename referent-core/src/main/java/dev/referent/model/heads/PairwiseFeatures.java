package dev.referent.model.heads;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Document;
import dev.referent.doc.Pronoun;
import dev.referent.doc.Quote;
import dev.referent.doc.Token;

import java.util.Locale;
import java.util.Optional;

/**
 * Hand-made features of a (word, candidate antecedent word) pair, shared by training and inference so that both
 * see exactly the same values: token distance and sentence distance buckets, quotation membership, string match,
 * pronoun agreement (number, gender, person) and capitalisation; with the syntax head's analysis, {@link
 * #SYNTAX_SIZE} more from the predicted tree and attributes (see {@link #fillSyntax}). All features are 0/1.
 */
public final class PairwiseFeatures {

    /** Number of features per pair without the syntax head's. */
    public static final int SIZE = 31;
    /** Number of features the syntax head's analysis adds (a model whose pair scorer reads them has SIZE + these). */
    public static final int SYNTAX_SIZE = 26;

    /** The relations of a verb's arguments for the co-argument feature (subjects, objects, obliques). */
    private static final java.util.Set<String> CO_ARGUMENT_RELATIONS = java.util.Set.of("nsubj", "nsubj:pass", "obj",
            "iobj", "obl", "csubj");

    private static final int[] DISTANCE_BUCKETS = {1, 2, 3, 4, 5, 8, 16, 32, 64, 128};

    private final int[] sentence;
    private final int[] quote;
    private final String[] text;
    private final String[] lower;
    /** the same lower-cased word, the same id: the coarse prior compares all pairs of words, so ints, not strings */
    private final int[] lowerId;
    private final Pronoun[] pronoun;
    private final byte[] number; // 0 unknown, 1 singular, 2 plural
    private final boolean[] capitalised;
    /** From the syntax head (null without it): head, role, number, type and gender codes per word. */
    private final int[] head;
    private final byte[] role;
    private final byte[] syntaxNumber;
    private final byte[] entityType;
    private final byte[] gender;
    private final boolean[] expletive;
    private final boolean[] argument;

    /**
     * Per-word facts of {@code doc}; {@code xpos} gives each word's Penn tag (gold in training, predicted at
     * inference) or {@code null} where unknown.
     */
    public PairwiseFeatures(Document doc, String[] xpos) {
        this(doc, xpos, null);
    }

    /**
     * As {@link #PairwiseFeatures(Document, String[])}, with the {@link #SYNTAX_SIZE} features of the syntax head's
     * {@code syntax} analysis after the others when it is not null.
     */
    public PairwiseFeatures(Document doc, String[] xpos, SyntaxHead.Analysis syntax) {
        int n = doc.size();
        if (syntax != null && syntax.size() != n) {
            throw new IllegalArgumentException("syntax analysis of " + syntax.size() + " words for a document of " + n);
        }
        sentence = new int[n];
        quote = new int[n];
        text = new String[n];
        lower = new String[n];
        lowerId = new int[n];
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        pronoun = new Pronoun[n];
        number = new byte[n];
        capitalised = new boolean[n];
        java.util.Arrays.fill(quote, -1);
        for (int q = 0; q < doc.quotes().size(); q++) {
            Quote quoteSpan = doc.quotes().get(q);
            for (int t = quoteSpan.tokenStart(); t < quoteSpan.tokenEnd(); t++) {
                quote[t] = q;
            }
        }
        for (int i = 0; i < n; i++) {
            Token t = doc.token(i);
            sentence[i] = doc.sentenceIndexOf(i);
            text[i] = t.text();
            lower[i] = t.text().toLowerCase(Locale.ROOT);
            lowerId[i] = ids.computeIfAbsent(lower[i], w -> ids.size());
            Optional<Pronoun> p = Pronoun.of(t.text());
            pronoun[i] = p.orElse(null);
            String tag = xpos == null ? null : xpos[i];
            if (p.isPresent()) {
                number[i] = (byte) switch (p.get().number()) {
                    case SINGULAR -> 1;
                    case PLURAL -> 2;
                    default -> 0;
                };
            } else if (tag != null) {
                number[i] = (byte) (tag.equals("NNS") || tag.equals("NNPS") ? 2 : tag.equals("NN") || tag.equals("NNP") ? 1 : 0);
            }
            capitalised[i] = Capitalisation.isCapitalisedMidSentence(doc, i);
        }
        if (syntax == null) {
            head = null;
            role = null;
            syntaxNumber = null;
            entityType = null;
            gender = null;
            expletive = null;
            argument = null;
            return;
        }
        head = syntax.head(); // read only
        role = new byte[n];
        syntaxNumber = new byte[n];
        entityType = new byte[n];
        gender = new byte[n];
        expletive = new boolean[n];
        argument = new boolean[n];
        for (int i = 0; i < n; i++) {
            String rel = syntax.relation()[i];
            role[i] = (byte) switch (rel) {
                case "nsubj", "nsubj:pass", "csubj" -> 0;
                case "obj", "iobj" -> 1;
                case "nmod:poss" -> 2;
                default -> rel.startsWith("obl") ? 3 : 4;
            };
            argument[i] = CO_ARGUMENT_RELATIONS.contains(rel);
            expletive[i] = rel.equals("expl");
            String number = syntax.attribute("Number", i);
            syntaxNumber[i] = (byte) (number.equals("Sing") ? 1 : number.equals("Plur") ? 2 : 0);
            String type = syntax.attribute("Entity", i);
            entityType[i] = (byte) (type.equals("person") ? 1 : dev.referent.doc.WordSyntax.NOT_PERSON_TYPES.contains(type) ? 2
                    : type.equals("animal") ? 3 : 0);
            String g = syntax.attribute("Gender", i);
            gender[i] = (byte) (g.equals("Masc") ? 1 : g.equals("Fem") ? 2 : g.equals("Neut") ? 3 : 0);
        }
    }

    /** Features per pair: {@link #SIZE}, plus {@link #SYNTAX_SIZE} with the syntax head's analysis. */
    public int size() {
        return head == null ? SIZE : SIZE + SYNTAX_SIZE;
    }

    /** Number of token-distance buckets (1, 2, 3, 4, 5-7, 8-15, 16-31, 32-63, 64-127, 128+). */
    public static final int DISTANCE_BUCKET_COUNT = 10;

    /** Buckets of the distances below the last bucket's start, looked up: the coarse prior asks for every pair. */
    private static final byte[] BUCKET_BELOW_LAST = new byte[DISTANCE_BUCKETS[DISTANCE_BUCKETS.length - 1]];

    static {
        for (int d = 0; d < BUCKET_BELOW_LAST.length; d++) {
            int bucket = 0;
            while (bucket + 1 < DISTANCE_BUCKETS.length && d >= DISTANCE_BUCKETS[bucket + 1]) {
                bucket++;
            }
            BUCKET_BELOW_LAST[d] = (byte) bucket;
        }
    }

    /** The bucket of a token distance d >= 1. */
    public static int distanceBucket(int d) {
        return d < BUCKET_BELOW_LAST.length ? BUCKET_BELOW_LAST[d] : DISTANCE_BUCKETS.length - 1;
    }

    /** Number of coarse-prior categories: distance buckets x 16 combinations of four cues. */
    public static final int ROUGH_CATEGORIES = DISTANCE_BUCKET_COUNT * 16;

    /**
     * The coarse scorer's prior category of (i, j): distance bucket combined with four cheap cues (same word, both
     * pronouns agreeing, both pronouns disagreeing, pronoun with a capitalised candidate).
     */
    public int roughCategory(int i, int j) {
        int cues = 0;
        if (lowerId[i] == lowerId[j]) {
            cues |= 1;
        }
        Pronoun pi = pronoun[i];
        Pronoun pj = pronoun[j];
        if (pi != null && pj != null) {
            boolean agree = pi.person() == pj.person() && (number[i] == 0 || number[j] == 0 || number[i] == number[j])
                    && (pi.gender() == Pronoun.Gender.ANY || pj.gender() == Pronoun.Gender.ANY || pi.gender() == pj.gender());
            cues |= agree ? 2 : 4;
        }
        if (pi != null && pj == null && capitalised[j]) {
            cues |= 8;
        }
        return distanceBucket(i - j) * 16 + cues;
    }

    /**
     * Writes the {@link #size()} features of word {@code i} with candidate antecedent {@code j} (j &lt; i) at {@code
     * out[offset..]}.
     */
    public void fill(int i, int j, float[] out, int offset) {
        fillBase(i, j, out, offset);
        if (head != null) {
            fillSyntax(i, j, out, offset + SIZE);
        }
    }

    /**
     * The syntax head's features of (i, j): the role of each (subject, object, possessor, oblique, other), the same
     * role, co-arguments of one verb, j the subject of the word that governs i's head (the clause i's clause depends
     * on: "Senators said they ..."), the same head word, predicted number agreeing or not, j's and i's entity type
     * (person, no person; j also animal), i's pronoun gender (masculine, feminine, neuter), and expletives.
     */
    private void fillSyntax(int i, int j, float[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + SYNTAX_SIZE, 0f);
        out[offset + role[i]] = 1;
        out[offset + 5 + role[j]] = 1;
        if (role[i] == role[j] && role[i] < 3) {
            out[offset + 10] = 1;
        }
        if (head[i] >= 0 && head[i] == head[j]) {
            out[offset + (argument[i] && argument[j] ? 11 : 13)] = 1;
        }
        if (role[j] == 0 && head[i] >= 0 && head[j] >= 0 && head[head[i]] == head[j]) {
            out[offset + 12] = 1;
        }
        if (syntaxNumber[i] != 0 && syntaxNumber[j] != 0) {
            out[offset + (syntaxNumber[i] == syntaxNumber[j] ? 14 : 15)] = 1;
        }
        if (entityType[j] != 0) {
            out[offset + 15 + entityType[j]] = 1; // 16 person, 17 no person, 18 animal
        }
        if (entityType[i] == 1 || entityType[i] == 2) {
            out[offset + 18 + entityType[i]] = 1; // 19 person, 20 no person
        }
        if (gender[i] != 0) {
            out[offset + 20 + gender[i]] = 1; // 21 masculine, 22 feminine, 23 neuter
        }
        if (expletive[i]) {
            out[offset + 24] = 1;
        }
        if (expletive[j]) {
            out[offset + 25] = 1;
        }
    }

    private void fillBase(int i, int j, float[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + SIZE, 0f);
        out[offset + distanceBucket(i - j)] = 1;
        int sd = sentence[i] - sentence[j];
        out[offset + 10 + (sd <= 2 ? sd : sd <= 5 ? 3 : 4)] = 1;
        if (quote[i] >= 0 && quote[i] == quote[j]) {
            out[offset + 15] = 1;
        }
        if (quote[i] >= 0) {
            out[offset + 16] = 1;
        }
        if (quote[j] >= 0) {
            out[offset + 17] = 1;
        }
        if (text[i].equals(text[j])) {
            out[offset + 18] = 1;
        }
        if (lower[i].equals(lower[j])) {
            out[offset + 19] = 1;
        }
        Pronoun pi = pronoun[i];
        Pronoun pj = pronoun[j];
        if (pi != null) {
            out[offset + 20] = 1;
        }
        if (pj != null) {
            out[offset + 21] = 1;
        }
        if (number[i] != 0 && number[j] != 0) {
            out[offset + (number[i] == number[j] ? 22 : 23)] = 1;
        }
        if (pi != null && pj != null) {
            boolean genderKnown = pi.gender() != Pronoun.Gender.ANY && pj.gender() != Pronoun.Gender.ANY;
            if (genderKnown) {
                out[offset + (pi.gender() == pj.gender() ? 24 : 25)] = 1;
            }
            out[offset + (pi.person() == pj.person() ? 26 : 27)] = 1;
        }
        if (capitalised[i]) {
            out[offset + 28] = 1;
        }
        if (capitalised[j]) {
            out[offset + 29] = 1;
        }
        if (pi != null && pj == null && capitalised[j]) {
            out[offset + 30] = 1;
        }
    }
}
