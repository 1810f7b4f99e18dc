package dev.referent.rewrite;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.MentionType;
import dev.referent.doc.Pronoun;
import dev.referent.doc.Titles;
import dev.referent.doc.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses each entity's representative mention and cleans its text. With {@code name} (the default) proper names
 * beat nominals and nominals beat everything else; among names the fuller one wins, then the earlier. Pronouns are
 * never representatives. A coordination ("he and Rex Tillerson") is represented by its members' representatives.
 */
public final class RepresentativeSelector {

    static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that", "these", "those", "some", "any",
            "each", "every", "another", "such", "both", "all", "many", "several", "most", "no", "its", "his", "her",
            "their", "our", "my", "your");

    /**
     * Quantifiers that make a phrase name no particular entity, so that it cannot stand in for a pronoun ("both" and
     * "all" pick out a definite group, "all respondents ... their answers", and stay).
     */
    private static final Set<String> QUANTIFIED = Set.of("every", "each", "no", "any");

    /**
     * Head words that leave a common-noun phrase naming nothing a reader could recover out of context: an indefinite
     * pronoun ("something", "someone") or a word standing for a noun said earlier, an ordinal, "one", "other",
     * "former", "latter", "same" ("the first is that ...", "the other"; the ordinals are those seen in such phrases,
     * not all of them). Such a phrase represents nothing ("it is fundamentally at odds" never becomes "the first is
     * fundamentally at odds"). Only the head counts, and a name's head never: "the Second Amendment" (headed by
     * "Amendment") and "Air Force One" stay.
     */
    private static final Set<String> EMPTY_HEADS = Set.of("something", "someone", "somebody", "anything", "anyone",
            "anybody", "everything", "everyone", "everybody", "nothing", "nobody", "one", "ones", "first", "second",
            "third", "fourth", "fifth", "last", "former", "latter", "other", "others", "same");

    /** Words a representative must not end on. */
    private static final Set<String> DANGLING = Set.of("the", "a", "an", "this", "that", "these", "those", "of", "and",
            "or", "to", "in", "for", "on", "at", "by", "with", "from", "as", "its", "his", "her", "their", "our", "my",
            "your");

    private static final Set<String> CLAUSE_STARTS = Set.of(",", "(", "[", "who", "whom", "whose", "which", "that",
            "-", "–", "—", "--", ":", ";", "\"", "“", "”");

    private final Document doc;
    private final RewriteOptions options;
    private final Set<String> namesInDocument;
    /** Cluster of every mention span (token start, end), for resolving the members of coordinations. */
    private final java.util.Map<Long, Cluster> clusterOfSpan = new java.util.HashMap<>();

    public RepresentativeSelector(Document doc, RewriteOptions options) {
        this.doc = doc;
        this.options = options;
        this.namesInDocument = new HashSet<>();
        for (Cluster c : doc.clusters()) {
            for (Mention m : c.mentions()) {
                clusterOfSpan.putIfAbsent(spanKey(m.tokenStart(), m.tokenEnd()), c);
            }
        }
        for (Token t : doc.tokens()) {
            if (!Capitalisation.isSentenceInitialWord(doc, t.index()) && Capitalisation.isCapitalised(t.text())) {
                namesInDocument.add(t.text());
            }
        }
    }

    /** Whether token {@code i} looks like part of a name: tagged NNP, or capitalised somewhere mid-sentence. */
    boolean isNameToken(int i) {
        Token t = doc.token(i);
        if (t.xpos() != null) {
            return t.xpos().startsWith("NNP");
        }
        if (t.upos() != null) {
            return t.upos().equals("PROPN");
        }
        String w = t.text();
        if (!Capitalisation.isCapitalised(w)) {
            return false;
        }
        if (DETERMINERS.contains(w.toLowerCase(Locale.ROOT)) || Pronoun.isPronoun(w)) {
            return false;
        }
        return namesInDocument.contains(w) || Capitalisation.isAllCapitals(w);
    }

    public boolean isProper(Mention m) {
        if (m.type() == MentionType.PROPER) {
            return true;
        }
        return m.type() != MentionType.PRONOUN && isNameToken(m.head());
    }

    static boolean isPronoun(Mention m) {
        return m.size() == 1 && Pronoun.isPronoun(m.text()) || m.type() == MentionType.PRONOUN && m.size() == 1;
    }

    private static long spanKey(int start, int end) {
        return ((long) start << 32) | end;
    }

    /** The representative of {@code cluster} (one of the document's), or empty when no mention may represent it. */
    public Optional<Representative> select(Cluster cluster) {
        return select(cluster, 0);
    }

    private Optional<Representative> select(Cluster cluster, int depth) {
        boolean pluralPronouns = false;
        for (Mention m : cluster.mentions()) {
            Optional<Pronoun> p = m.size() == 1 ? Pronoun.of(m.text()) : Optional.empty();
            if (p.isPresent() && p.get().isThirdPerson()) {
                if (p.get().number() == Pronoun.Number.PLURAL) {
                    pluralPronouns = true;
                } else {
                    pluralPronouns = false;
                    break; // any singular pronoun (it, its) settles it: "the United States ... its"
                }
            }
        }
        Representative best = null;
        int bestRank = Integer.MIN_VALUE;
        for (Mention m : cluster.mentions()) {
            if (isPronoun(m)) {
                continue;
            }
            Representative candidate = depth < 2 ? coordination(m, depth).orElse(null) : null;
            if (candidate == null) {
                candidate = clean(m, pluralPronouns);
            }
            if (candidate == null || containsPronoun(candidate.text())) {
                continue;
            }
            int rank = rank(candidate);
            if (options.representative() == RewriteOptions.Representative.FIRST) {
                rank = 0;
            }
            if (best == null || rank > bestRank) {
                best = candidate;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The representative for replacing {@code m}: the entity's own ({@code entity}) unless the nearest mention of the
     * cluster before {@code m} that is not a pronoun is another proper name, sharing no word with it. Then the cluster
     * probably joins two people or things, and the nearer name is the one the pronoun's own chain of links leads to
     * ("Isabel ... she", not the "Mario J. Lucero" the cluster also holds). A nearer description ("the senator") does
     * not override a name: that is the same entity described. Only for {@link RewriteOptions.Representative#NAME};
     * the other strategies are the user's explicit choice.
     */
    public Representative forMention(Cluster cluster, Mention m, Representative entity) {
        if (options.representative() != RewriteOptions.Representative.NAME || !entity.proper()) {
            return entity;
        }
        Mention local = null;
        for (Mention other : cluster.mentions()) {
            if (other.end() <= m.start() && !isPronoun(other) && (local == null || other.start() > local.start())) {
                local = other;
            }
        }
        if (local == null || local.overlaps(entity.mention()) || sharesWord(doc.text(local.start(), local.end()), entity.text())) {
            return entity;
        }
        Representative candidate = coordination(local, 0).orElse(null);
        if (candidate == null) {
            candidate = clean(local, entity.plural());
        }
        if (candidate == null || !candidate.proper() || containsPronoun(candidate.text())
                || Titles.BEFORE_NAME.contains(candidate.text().split("\\s+")[0].toLowerCase(Locale.ROOT))) {
            return entity; // an office ("Emperor of the United States") describes the entity's holder, it names no other
        }
        return candidate;
    }

    private static boolean sharesWord(String a, String b) {
        Set<String> words = contentWords(a);
        words.retainAll(contentWords(b));
        return !words.isEmpty();
    }

    private static Set<String> contentWords(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !DETERMINERS.contains(w) && !w.equals("s") && !w.equals("of") && !w.equals("and")) {
                out.add(w);
            }
        }
        return out;
    }

    private int rank(Representative r) {
        if (options.representative() == RewriteOptions.Representative.LONGEST) {
            return r.text().length();
        }
        int kind = r.proper() ? 2 : r.mention().type() == MentionType.NOMINAL || r.mention().type() == MentionType.PROPER ? 1 : 0;
        int names = 0;
        for (String w : r.text().split("\\s+")) {
            if (Capitalisation.isCapitalised(w) && !DETERMINERS.contains(w.toLowerCase(Locale.ROOT))) {
                names++;
            }
        }
        // among descriptions, a determined one ("the treaty", the ones clean() marks for lower case mid-sentence) reads
        // better than a bare headline phrase ("new arms treaty")
        boolean determined = kind < 2 && r.lowerCaseMidSentence();
        return kind * 1000 + Math.min(names, 50) * 10 + (determined ? 5 : 0);
    }

    private static boolean containsPronoun(String text) {
        for (String w : text.split("[\\s]+")) {
            Optional<Pronoun> p = Pronoun.of(w);
            if (p.isPresent() && !(p.get() == Pronoun.US && w.equals("US"))) {
                return true;
            }
        }
        return false;
    }

    /** Cleans a mention's text: no trailing possessive, no post-modifying clause, at most the configured length. */
    Representative clean(Mention m, boolean pluralPronouns) {
        int start = m.tokenStart();
        int end = m.tokenEnd();
        int head = m.head();
        while (end - 1 > start && isPossessiveMarker(doc.token(end - 1).text())) {
            end--;
        }
        // a relative clause, apposition or parenthetical ends the phrase, before the head as well as after it:
        // "Kelly, the chief of staff" (head "chief") is "Kelly"; "all respondents who indicated ..." is "all respondents"
        for (int i = start + 1; i < end; i++) {
            String w = doc.token(i).text();
            if (CLAUSE_STARTS.contains(w.toLowerCase(Locale.ROOT)) || isBracket(w)) {
                end = i;
                break;
            }
        }
        while (end > start && (isPunctuation(doc.token(end - 1).text()) || isBracket(doc.token(end - 1).text())
                || DANGLING.contains(doc.token(end - 1).text().toLowerCase(Locale.ROOT)))) {
            end--; // never end on a bracket, a determiner or a preposition: "the" in "the Court of the"
        }
        while (start < end && (isPunctuation(doc.token(start).text()) || isBracket(doc.token(start).text()))) {
            start++;
        }
        if (start >= end) {
            return null;
        }
        String opening = doc.token(start).text().toLowerCase(Locale.ROOT);
        if (end - start == 1 && DETERMINERS.contains(opening)) {
            return null;
        }
        if (QUANTIFIED.contains(opening)) {
            return null; // "every joke" names no one joke: "this is what gives a joke every joke's edge"
        }
        if (options.representative() == RewriteOptions.Representative.NAME) {
            start = personName(start, end);
        }
        head = Math.max(start, Math.min(head, end - 1));
        int max = options.maxRepresentativeTokens();
        if (end - start > max) {
            end = head + 1; // the head noun phrase: determiner, pre-modifiers and head ("the treaty")
            if (end - start > max) {
                return null; // never a fragment cut out of a longer phrase: another mention represents the entity
            }
        }
        if (brokenOff(start, end)
                || !isNameToken(head) && EMPTY_HEADS.contains(doc.token(head).text().toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (end + 1 < doc.size() && isHyphenToken(doc.token(end).text()) && !isBracket(doc.token(end + 1).text())) {
            // the first half of a hyphenated word ("A 51" out of "A 51 - year - old white male", as CoNLL files
            // tokenize it); a bracket code that the tokenizer split ("- LRB-") is no hyphenated word
            return null;
        }
        String text = collapse(doc.text(doc.token(start).start(), doc.token(end - 1).end()));
        boolean proper = isProper(m) && isNameToken(head);
        String headTag = doc.token(head).xpos();
        String first = doc.token(start).text().toLowerCase(Locale.ROOT);
        boolean indefinite = !proper && end - start >= 2 && (first.equals("a") || first.equals("an"));
        if (indefinite) {
            // the entity is known by the time it is referred back to: "a treaty ... its terms" -> "the treaty's terms"
            String article = doc.token(start).text();
            text = (Capitalisation.isCapitalised(article) ? "The" : "the") + text.substring(article.length());
            first = "the";
        }
        boolean sFinal = text.endsWith("s") && !text.endsWith("ss");
        boolean plural = headTag != null ? headTag.equals("NNS") || headTag.equals("NNPS")
                : !indefinite && sFinal && (!proper || pluralPronouns || first.equals("the"));
        if (first.equals("some") && (headTag != null ? headTag.equals("NN") : !plural && !proper)) {
            return null; // "some person" names nobody in particular ("some students ... they" may be a definite group)
        }
        boolean lower = DETERMINERS.contains(first) && !isNameToken(start);
        return new Representative(m, text, proper, plural, lower);
    }

    /**
     * Whether words [start, end) hold a word broken off in speech, which a transcript writes with a hyphen ("player
     * thr- player three"): such a phrase reads as a stammer, not as the entity's name.
     */
    private boolean brokenOff(int start, int end) {
        for (int t = start; t < end; t++) {
            String w = doc.token(t).text();
            if (w.length() > 1 && isHyphen(w.charAt(w.length() - 1)) && Character.isLetter(w.charAt(w.length() - 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHyphenToken(String w) {
        return w.length() == 1 && isHyphen(w.charAt(0));
    }

    /** The hyphen-minus and Unicode's hyphen and non-breaking hyphen (not the dashes, which set off a clause). */
    private static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011';
    }

    /**
     * The start of the person's name at the end of a titled mention: "White House Chief of Staff John Kelly" ->
     * "John Kelly", "Secretary of State Rex Tillerson" -> "Rex Tillerson". Applies when at least two name words
     * follow a title word; otherwise (a one-word name, "President Trump"; an organisation, "Justice Department")
     * the phrase stays whole.
     */
    private int personName(int start, int end) {
        if (end - start < 3 || !isNameToken(end - 1)) {
            return start;
        }
        int run = end;
        while (run > start && isNameToken(run - 1) && !Titles.BEFORE_NAME.contains(doc.token(run - 1).text().toLowerCase(Locale.ROOT))) {
            run--;
        }
        if (end - run < 2 || run == start) {
            return start;
        }
        // the title must stand right before the name ("Chief of Staff John Kelly"): in "Emperor of the United States"
        // the name after "the" is what the office is of, not who holds it
        return Titles.BEFORE_NAME.contains(doc.token(run - 1).text().toLowerCase(Locale.ROOT)) ? run : start;
    }

    /** Penn Treebank bracket codes (-LRB-, -RRB-, ...) and brackets, which never stand in a representative. */
    private static boolean isBracket(String w) {
        return w.matches("(?i)-?[lr][rsc]b-?") || w.equals("(") || w.equals(")") || w.equals("[") || w.equals("]")
                || w.equals("{") || w.equals("}");
    }

    /** "he and Rex Tillerson" -> "John Kelly and Rex Tillerson" when each member is a mention of a cluster. */
    private Optional<Representative> coordination(Mention m, int depth) {
        List<int[]> members = new ArrayList<>();
        int memberStart = m.tokenStart();
        boolean sawAnd = false;
        for (int i = m.tokenStart(); i < m.tokenEnd(); i++) {
            String w = doc.token(i).text().toLowerCase(Locale.ROOT);
            boolean and = w.equals("and") || w.equals("&");
            if (and || w.equals(",")) {
                if (i > memberStart) {
                    members.add(new int[] {memberStart, i});
                }
                memberStart = i + 1;
                sawAnd |= and;
            }
        }
        if (!sawAnd) {
            return Optional.empty();
        }
        if (memberStart < m.tokenEnd()) {
            members.add(new int[] {memberStart, m.tokenEnd()});
        }
        if (members.size() < 2) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        boolean allProper = true;
        for (int[] span : members) {
            String text = null;
            Cluster memberCluster = clusterOfSpan.get(spanKey(span[0], span[1]));
            if (memberCluster != null) {
                Optional<Representative> r = select(memberCluster, depth + 1);
                if (r.isPresent()) {
                    text = r.get().text();
                    allProper &= r.get().proper();
                }
            }
            if (text == null) {
                Mention member = doc.mention(span[0], span[1]);
                if (isPronoun(member)) {
                    return Optional.empty(); // an unresolved pronoun cannot stand in a representative
                }
                Representative r = clean(member, false);
                // a member no entity stands for must read as a name of its own: "and" inside a phrase ("experts on
                // safety and security in Europe") is not a coordination of entities
                if (r == null || !r.proper() || span[1] - span[0] > 4) {
                    return Optional.empty();
                }
                text = r.text();
                allProper &= r.proper();
            }
            texts.add(text);
        }
        String joined = texts.size() == 2 ? texts.get(0) + " and " + texts.get(1)
                : String.join(", ", texts.subList(0, texts.size() - 1)) + " and " + texts.get(texts.size() - 1);
        return Optional.of(new Representative(m, joined, allProper, true, false));
    }

    static boolean isPossessiveMarker(String w) {
        return w.equals("'s") || w.equals("’s") || w.equals("'") || w.equals("’") || w.equals("'S");
    }

    private static boolean isPunctuation(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLetterOrDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
