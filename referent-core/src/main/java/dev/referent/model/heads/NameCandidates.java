package dev.referent.model.heads;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Document;
import dev.referent.doc.Titles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Document-wide name matching for the coarse scorer ({@code candidates.names}): the earlier words that a word of a
 * proper name matches by name become candidate antecedents whatever their distance, in addition to the coarse
 * scorer's top k ({@link RoughScorer#addCandidates}). Without them a name repeated far apart in a long document
 * often never meets its first mention: the top k fills with nearer words.
 *
 * <p>A name is a run of NNP/NNPS-tagged words (the model's predicted tags) within one sentence; its head is its last
 * word. The rules, each named in the setting:
 * <ul>
 * <li>{@code exact}: a name's head takes the heads of earlier runs with the same words ("John Kelly" ... "John
 * Kelly");</li>
 * <li>{@code last}: a name, without a title before it, that ends an earlier longer name ("John Kelly" ... "Kelly",
 * "Mr. Kelly"; "Miss Mary Chaworth" ... "Mary Chaworth");</li>
 * <li>{@code heads}: a name's head takes the heads of earlier runs with the same last word (includes exact and
 * last);</li>
 * <li>{@code words}: every proper word takes the earlier proper words spelled the same;</li>
 * <li>{@code acronyms}: a proper word of two to six capitals takes the last word of an earlier run of capitalised
 * words (with "of", "and", "for", "the", ... between them) whose initials it spells ("Environmental Protection
 * Agency" ... "EPA", "Department of Defense" ... "DOD").</li>
 * </ul>
 * Immutable: one instance serves all threads.
 */
public final class NameCandidates {

    /** The matching rules, by their names in the setting. */
    public enum Rule {
        EXACT, LAST, HEADS, WORDS, ACRONYMS;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The rules that {@code candidates.names=true} stands for: the widest, which did best where the top k is crowded
     * (OntoGUM dev with topk=10: CoNLL-F1 56.57 without extras, 56.70 with exact,last,acronyms, 56.78 with these); with
     * the default model's k of 50 every rule set leaves OntoGUM dev, GENTLE and GAP development as they were.
     */
    public static final Set<Rule> DEFAULT_RULES = EnumSet.of(Rule.WORDS, Rule.ACRONYMS);

    /** No extra candidates. */
    public static final NameCandidates NONE = new NameCandidates(EnumSet.noneOf(Rule.class));

    private static final Pattern ACRONYM = Pattern.compile("[A-Z]{2,6}");
    private static final int LONGEST_ACRONYM = 6;
    /** Lower-case words that may stand between the capitalised words an acronym abbreviates. */
    private static final Set<String> CONNECTORS = Set.of("of", "and", "for", "the", "on", "in", "to", "de", "&");

    private final Set<Rule> rules;

    private NameCandidates(Set<Rule> rules) {
        this.rules = rules.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(rules);
    }

    /**
     * The rules of a {@code candidates.names} value: {@code false} or {@code none} (no rule), {@code true} ({@link
     * #DEFAULT_RULES}) or a comma-separated list of rule names.
     *
     * @throws IllegalArgumentException naming an unknown rule and the known ones
     */
    public static NameCandidates of(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.equals("false") || s.equals("none")) {
            return NONE;
        }
        if (s.equals("true")) {
            return new NameCandidates(DEFAULT_RULES);
        }
        Set<Rule> chosen = EnumSet.noneOf(Rule.class);
        for (String name : s.split("\\s*,\\s*")) {
            Rule rule = null;
            for (Rule r : Rule.values()) {
                if (r.key().equals(name)) {
                    rule = r;
                }
            }
            if (rule == null) {
                throw new IllegalArgumentException("unknown name rule '" + name + "'; rules: " + ruleNames());
            }
            chosen.add(rule);
        }
        return new NameCandidates(chosen);
    }

    /** The rule names, for messages. */
    public static List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        for (Rule r : Rule.values()) {
            names.add(r.key());
        }
        return names;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public Set<Rule> rules() {
        return java.util.Collections.unmodifiableSet(rules);
    }

    /**
     * For each word of {@code doc}, the earlier words it matches by name, nearest first: at most {@code limit} of them
     * (the nearest), so that a name repeated all through a long document costs at most {@code limit} pairs per
     * occurrence. Words that match nothing get an empty array.
     *
     * @param xpos the model's Penn Treebank tag of each word
     */
    public int[][] matches(Document doc, String[] xpos, int limit) {
        int n = doc.size();
        int[][] out = new int[n][];
        Arrays.fill(out, new int[0]);
        if (rules.isEmpty() || limit < 1) {
            return out;
        }
        // earlier positions by key ("exact:John Kelly", "word:Kelly", ...), in document order
        Map<String, List<Integer>> seen = new HashMap<>();
        boolean runs = rules.contains(Rule.EXACT) || rules.contains(Rule.LAST) || rules.contains(Rule.HEADS);
        int runStart = -1; // start of the proper-name run the current word is in
        for (int i = 0; i < n; i++) {
            String text = doc.token(i).text();
            boolean proper = isProper(xpos[i]);
            if (proper && (runStart < 0 || doc.sentenceIndexOf(runStart) != doc.sentenceIndexOf(i))) {
                runStart = i;
            } else if (!proper) {
                runStart = -1;
            }
            List<String> lookups = new ArrayList<>(4);
            List<String> registers = new ArrayList<>();
            if (proper && rules.contains(Rule.WORDS)) {
                lookups.add("word:" + text);
                registers.add("word:" + text);
            }
            boolean head = proper && (i + 1 >= n || !isProper(xpos[i + 1])
                    || doc.sentenceIndexOf(i + 1) != doc.sentenceIndexOf(i));
            if (head && runs) {
                String name = words(doc, runStart, i + 1);
                if (rules.contains(Rule.EXACT)) {
                    lookups.add("exact:" + name);
                    registers.add("exact:" + name);
                }
                if (rules.contains(Rule.LAST)) {
                    int from = runStart;
                    if (i > from && Titles.BEFORE_NAME.contains(doc.token(from).text().toLowerCase(Locale.ROOT))) {
                        from++; // "Mr. Kelly" looks for names ending in "Kelly"
                    }
                    lookups.add("ends:" + words(doc, from, i + 1));
                    // this name's proper endings: "John Kelly" registers "Kelly"
                    for (int s = runStart + 1; s <= i; s++) {
                        registers.add("ends:" + words(doc, s, i + 1));
                    }
                }
                if (rules.contains(Rule.HEADS)) {
                    lookups.add("head:" + text);
                    registers.add("head:" + text);
                }
            }
            if (proper && rules.contains(Rule.ACRONYMS) && ACRONYM.matcher(text).matches()) {
                lookups.add("acronym:" + text);
            }
            out[i] = nearest(seen, lookups, limit);
            for (String key : registers) {
                seen.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            if (rules.contains(Rule.ACRONYMS)) {
                registerAcronyms(doc, i, seen);
            }
        }
        return out;
    }

    /** The words of tokens [from, to) joined by single spaces. */
    private static String words(Document doc, int from, int to) {
        StringBuilder b = new StringBuilder(doc.token(from).text());
        for (int t = from + 1; t < to; t++) {
            b.append(' ').append(doc.token(t).text());
        }
        return b.toString();
    }

    /**
     * Registers word {@code end} under the acronyms of the runs of capitalised words that end at it: the initials of
     * the capitalised words, and of all words with the connectors between them ("Department of Defense": "DD" and
     * "DOD"), for runs of two capitalised words or more.
     */
    private static void registerAcronyms(Document doc, int end, Map<String, List<Integer>> seen) {
        if (!Capitalisation.isCapitalised(doc.token(end).text())) {
            return;
        }
        int sentence = doc.sentenceIndexOf(end);
        StringBuilder capitals = new StringBuilder();
        StringBuilder all = new StringBuilder();
        int count = 0;
        for (int t = end; t >= 0 && doc.sentenceIndexOf(t) == sentence; t--) {
            String w = doc.token(t).text();
            if (Capitalisation.isCapitalised(w)) {
                char initial = Character.toUpperCase(w.charAt(0));
                capitals.insert(0, initial);
                all.insert(0, initial);
                count++;
                if (count >= 2) {
                    register(seen, capitals.toString(), end);
                    if (all.length() != capitals.length()) {
                        register(seen, all.toString(), end);
                    }
                }
                if (count == LONGEST_ACRONYM) {
                    return;
                }
            } else if (count > 0 && CONNECTORS.contains(w.toLowerCase(Locale.ROOT))) {
                all.insert(0, Character.toUpperCase(w.charAt(0)));
            } else {
                return;
            }
        }
    }

    private static void register(Map<String, List<Integer>> seen, String acronym, int word) {
        if (acronym.length() <= LONGEST_ACRONYM && ACRONYM.matcher(acronym).matches()) {
            List<Integer> at = seen.computeIfAbsent("acronym:" + acronym, k -> new ArrayList<>());
            if (at.isEmpty() || at.get(at.size() - 1) != word) {
                at.add(word);
            }
        }
    }

    /** The union of the positions under {@code keys}, nearest (largest) first, at most {@code limit}. */
    private static int[] nearest(Map<String, List<Integer>> seen, List<String> keys, int limit) {
        TreeSet<Integer> union = new TreeSet<>();
        for (String key : keys) {
            List<Integer> at = seen.get(key);
            if (at == null) {
                continue;
            }
            // each list is in document order: its last `limit` are its nearest
            for (int k = at.size() - 1; k >= Math.max(0, at.size() - limit); k--) {
                union.add(at.get(k));
            }
        }
        int[] out = new int[Math.min(limit, union.size())];
        int c = 0;
        for (java.util.Iterator<Integer> it = union.descendingIterator(); c < out.length; c++) {
            out[c] = it.next();
        }
        return out;
    }

    private static boolean isProper(String tag) {
        return tag != null && tag.startsWith("NNP");
    }
}
