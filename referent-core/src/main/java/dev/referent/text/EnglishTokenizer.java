package dev.referent.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Offset-preserving English tokenizer in the style of the Penn Treebank / Universal Dependencies English
 * tokenization used by GUM and OntoNotes: clitics ('s, n't, 're, 'll, 've, 'd, 'm, with straight or curly
 * apostrophes) and punctuation become tokens of their own, while abbreviations ("U.S.", "Mr."), numbers
 * ("3.5", "1,000", "100%"), hyphenated words, URLs, e-mail addresses, @handles and #hashtags stay whole.
 *
 * <p>Tokens are returned as {@code [start, end)} character ranges of the input, so {@code text.substring(start,
 * end)} is always the token. The input is only split, never changed: only whitespace falls between tokens. Runs in
 * time linear in the input length. Thread-safe.
 */
public final class EnglishTokenizer {

    /** Words that keep a final period ("Mr.", "Jan.", "Inc."); lower-cased, without the period. */
    static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt",
            "cpt", "sgt", "cmdr", "adm", "pres", "rev", "hon", "atty", "supt", "det", "insp", "messrs", "mme", "mlle",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn", "assoc", "est",
            "vs", "v", "c", "b", "etc", "al", "approx", "appx", "ca", "cf", "fig", "figs", "no", "nos", "vol", "vols", "pp", "ed", "eds",
            "ave", "blvd", "rd", "mt", "ft", "hwy", "pl", "sq",
            "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la",
            "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va",
            "vt", "wash", "wis", "wyo",
            "a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n", "d.c", "l.a", "ph.d", "b.a", "m.a", "b.sc", "m.sc");

    /** Abbreviations that keep their period only before a number ("No. 5", "pp. 12"). */
    static final Set<String> NUMBER_ABBREVIATIONS = Set.of("no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "art", "sec", "ch");

    /**
     * Abbreviations (without their period) that are never the last word of a sentence: titles before a name ("Mr.",
     * "Gen.") and abbreviations before a number or a name ("No.", "vs.", "St."). Not the list of personal titles
     * ({@link dev.referent.doc.Titles}): this one says where a sentence cannot end.
     */
    static final Set<String> NON_FINAL_ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
            "cmdr", "adm", "pres", "rev", "hon", "atty", "supt", "det", "insp", "messrs", "mme", "mlle", "st", "mt",
            "no", "nos", "vol", "vols", "fig", "figs", "pp", "vs", "cf");

    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?://|ftp://|www\\.)[^\\s]+|[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|edu|gov|mil|int|info|io|co|uk|ca|au|nz|de|fr|us|ly|me|tv)(?:/[^\\s]*)?");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern HANDLE = Pattern.compile("[@#][\\p{L}\\p{N}_]+");
    /** Letters separated by periods, period-final: U.S., D.C., e.g., Ph.D. */
    private static final Pattern INITIALISM = Pattern.compile("(?:\\p{L}{1,2}\\.){2,}|\\p{Lu}\\.");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d[\\d,]*(?:\\.\\d+)?%?");

    private static final Pattern ENUMERATOR = Pattern.compile("\\d{1,2}(?:\\.\\d{1,2})*\\.");
    /** "(a)", "(iv)", "(3)": list labels stay one token. */
    private static final Pattern LIST_LABEL = Pattern.compile("\\((?:[a-z]|[ivx]{1,4}|\\d{1,2})\\)");

    /** Longest URL, e-mail or handle recognised as one token. */
    static final int MAX_PATTERN_LENGTH = 2048;

    private static final String[] CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "s'"};

    /** Splits {@code text} into token ranges: element {@code 2k} is a start offset, {@code 2k+1} its end. */
    public int[] tokenize(String text) {
        IntList out = new IntList(Math.max(16, text.length() / 3));
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && !isSpace(text.charAt(j))) {
                j++;
            }
            splitChunk(text, i, j, out);
            i = j;
        }
        return out.toArray();
    }

    /** Convenience: the token strings. */
    public List<String> tokenStrings(String text) {
        int[] spans = tokenize(text);
        List<String> words = new ArrayList<>(spans.length / 2);
        for (int k = 0; k < spans.length; k += 2) {
            words.add(text.substring(spans[k], spans[k + 1]));
        }
        return words;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\uFEFF'
                || c == '\u200B';
    }

    private void splitChunk(String text, int start, int end, IntList out) {
        if (end - start <= 6 && LIST_LABEL.matcher(text.subSequence(start, end)).matches()) {
            out.add(start, end);
            return;
        }
        IntList trailing = new IntList(4);
        int s = start;
        int e = end;
        // Leading punctuation: opening quotes and brackets, currency.
        while (s < e) {
            char c = text.charAt(s);
            if (isOpeningPunct(c) || isCurrency(c) && s + 1 < e && Character.isDigit(text.charAt(s + 1))) {
                if ((c == '\'' || c == '’' || c == '‘') && s + 1 < e && startsWithApostropheWord(text, s, e)) {
                    break;
                }
                if (c == '-' || c == '.') {
                    int k = s;
                    while (k < e && text.charAt(k) == c) {
                        k++;
                    }
                    if (k - s >= 2 || c == '.' && k < e && Character.isDigit(text.charAt(k))) {
                        if (c == '.' && k - s == 1) {
                            break; // ".5"
                        }
                        out.add(s, k);
                        s = k;
                        continue;
                    }
                    if (c == '-' && k < e && Character.isDigit(text.charAt(k))) {
                        break; // "-5"
                    }
                }
                out.add(s, s + 1);
                s++;
            } else {
                break;
            }
        }
        if (s >= e) {
            return;
        }
        // Whole-chunk patterns that must stay intact (after opening punctuation, before trailing punctuation).
        int protectedEnd = protectedPrefix(text, s, e);
        // Trailing punctuation, collected right to left.
        while (e > s && e > protectedEnd) {
            char c = text.charAt(e - 1);
            if (c == '.') {
                int k = e - 1;
                while (k > s && text.charAt(k - 1) == '.') {
                    k--;
                }
                if (e - k >= 2) {
                    trailing.add(k, e); // "..." or ".."
                    e = k;
                    continue;
                }
                if (keepsPeriod(text, s, e)) {
                    break;
                }
                trailing.add(e - 1, e);
                e--;
            } else if (c == '…' || isClosingPunct(c)) {
                if ((c == '\'' || c == '’') && e - 1 > s && (text.charAt(e - 2) == 's' || text.charAt(e - 2) == 'S')
                        && e - 2 > s && Character.isLetter(text.charAt(e - 3))) {
                    // plural possessive "workers'": the apostrophe is its own token, like PTB
                    trailing.add(e - 1, e);
                    e--;
                    break;
                }
                trailing.add(e - 1, e);
                e--;
            } else {
                break;
            }
        }
        if (e > s) {
            splitCore(text, s, e, Math.min(protectedEnd, e), out);
        }
        for (int k = trailing.size() - 2; k >= 0; k -= 2) {
            out.add(trailing.get(k), trailing.get(k + 1));
        }
    }

    /** End of a URL, e-mail, handle or number that starts at {@code s}, or {@code s} if none. */
    private static int protectedPrefix(String text, int s, int e) {
        // Regular expressions only look at a bounded prefix: a chunk of megabytes without whitespace is no URL,
        // and unbounded backtracking on it would overflow the stack.
        CharSequence region = text.subSequence(s, Math.min(e, s + MAX_PATTERN_LENGTH));
        for (Pattern p : new Pattern[] {URL, EMAIL, HANDLE}) {
            var m = p.matcher(region);
            if (m.lookingAt()) {
                int end = s + m.end();
                // trailing sentence punctuation never belongs to a URL
                while (end > s && ".,;:!?)]}\"'”’".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                if (end > s + 1) {
                    return end;
                }
            }
        }
        return s;
    }

    private static boolean startsWithApostropheWord(String text, int s, int e) {
        // "'90s", "'em", "'n'" keep their apostrophe
        char next = text.charAt(s + 1);
        if (Character.isDigit(next)) {
            return true;
        }
        String whole = text.substring(s + 1, e).toLowerCase(Locale.ROOT);
        if (whole.equals("s") || whole.equals("re") || whole.equals("ve") || whole.equals("ll") || whole.equals("d")
                || whole.equals("m")) {
            return true; // a detached clitic
        }
        String rest = text.substring(s + 1, Math.min(e, s + 4)).toLowerCase(Locale.ROOT);
        return rest.startsWith("em") && (e - s == 3 || !Character.isLetter(text.charAt(s + 3)));
    }

    private static boolean startsLine(String text, int s) {
        int k = s - 1;
        while (k >= 0 && text.charAt(k) != '\n' && text.charAt(k) != '\r') {
            if (!isSpace(text.charAt(k))) {
                return false;
            }
            k--;
        }
        return true;
    }

    /** Whether the period ending {@code [s, e)} belongs to the word (abbreviations, initials). */
    private static boolean keepsPeriod(String text, int s, int e) {
        if (e - s > 40) {
            return false; // no abbreviation is that long
        }
        String word = text.substring(s, e - 1);
        if (word.isEmpty()) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (NUMBER_ABBREVIATIONS.contains(lower)) {
            int k = e;
            while (k < text.length() && isSpace(text.charAt(k))) {
                k++;
            }
            return k < text.length() && Character.isDigit(text.charAt(k));
        }
        if (ABBREVIATIONS.contains(lower)) {
            return true;
        }
        if (ENUMERATOR.matcher(text.subSequence(s, e)).matches() && startsLine(text, s)) {
            return true; // "2." or "4.1." heading a numbered line
        }
        if (INITIALISM.matcher(text.subSequence(s, e)).matches()) {
            return true;
        }
        // something.like.this. -> "something.like.this" + "."
        return false;
    }

    /**
     * Splits the core of a chunk (no leading or trailing punctuation) at internal punctuation and clitics.
     * Characters before {@code protectedEnd} are one token.
     */
    private void splitCore(String text, int s, int e, int protectedEnd, IntList out) {
        if (protectedEnd > s) {
            out.add(s, protectedEnd);
            if (protectedEnd < e) {
                splitChunk(text, protectedEnd, e, out);
            }
            return;
        }
        int pieceStart = s;
        int i = s;
        while (i < e) {
            char c = text.charAt(i);
            int sep = separatorLength(text, i, s, e);
            if (sep > 0) {
                if (i > pieceStart) {
                    splitClitics(text, pieceStart, i, out);
                }
                out.add(i, i + sep);
                i += sep;
                pieceStart = i;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < e) {
                i += 2;
            } else {
                i++;
            }
        }
        if (pieceStart < e) {
            // a piece that now ends in punctuation ("end.\"") gets the normal treatment again
            char last = text.charAt(e - 1);
            if (pieceStart > s && (isClosingPunct(last) || last == '.' || isOpeningPunct(text.charAt(pieceStart)))) {
                splitChunk(text, pieceStart, e, out);
            } else {
                splitClitics(text, pieceStart, e, out);
            }
        }
    }

    /** Length of a separator token at {@code i} inside a word, or 0. */
    private static int separatorLength(String text, int i, int s, int e) {
        char c = text.charAt(i);
        switch (c) {
            case '—': case '–': case '―': case '…':
                // en dash between digits ("1990–2000") is still a separator in UD English
                return 1;
            case '-':
                if (i > s && i + 1 < e && Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1))) {
                    return 1; // ranges and scores: "3-5", "3-1"
                }
                if (i + 1 < e && text.charAt(i + 1) == '-') {
                    int k = i;
                    while (k < e && text.charAt(k) == '-') {
                        k++;
                    }
                    return k - i;
                }
                return 0;
            case '(': case ')': case '[': case ']': case '{': case '}': case '"': case '“': case '”': case ';':
            case '!': case '?': case '<': case '>': case '|':
                return 1;
            case '/':
                // "24/7" and "3/4" stay together; "and/or" splits, as in UD English
                return i > s && i + 1 < e && Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1)) ? 0 : 1;
            case ',':
                // "1,000" and "2,500,000" stay; "[13,14]" and "word,word" split
                return i > s && Character.isDigit(text.charAt(i - 1)) && isThousandsGroup(text, i + 1, e) ? 0 : 1;
            case ':':
                // "10:30" and "http:" stay
                return i > s && i + 1 < e && Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1)) ? 0 : 1;
            case '.':
                if (i + 2 < e && text.charAt(i + 1) == '.' && text.charAt(i + 2) == '.') {
                    int k = i;
                    while (k < e && text.charAt(k) == '.') {
                        k++;
                    }
                    return k - i;
                }
                return 0;
            default:
                return 0;
        }
    }

    private static boolean isThousandsGroup(String text, int from, int e) {
        if (from + 3 > e) {
            return false;
        }
        for (int k = from; k < from + 3; k++) {
            if (!Character.isDigit(text.charAt(k))) {
                return false;
            }
        }
        return from + 3 == e || !Character.isDigit(text.charAt(from + 3));
    }

    /** Splits a word into stem and clitics: "don't" -> "do" "n't", "Kelly's" -> "Kelly" "'s", "cannot" -> "can" "not". */
    private void splitClitics(String text, int s, int e, IntList out) {
        int len = e - s;
        if (len >= 3) {
            // n't
            if (len >= 4 && isApostrophe(text.charAt(e - 2)) && lowerAt(text, e - 1) == 't' && lowerAt(text, e - 3) == 'n') {
                out.add(s, e - 3);
                out.add(e - 3, e);
                return;
            }
            for (String clitic : CLITICS) {
                int cl = clitic.length();
                if (clitic.equals("n't") || clitic.equals("s'") || len <= cl) {
                    continue;
                }
                if (isApostrophe(text.charAt(e - cl)) && text.regionMatches(true, e - cl + 1, clitic, 1, cl - 1)
                        && Character.isLetterOrDigit(text.charAt(e - cl - 1))) {
                    out.add(s, e - cl);
                    out.add(e - cl, e);
                    return;
                }
            }
            String lower = text.substring(s, e).toLowerCase(Locale.ROOT);
            if (lower.equals("cannot")) {
                out.add(s, s + 3);
                out.add(s + 3, e);
                return;
            }
            if (lower.equals("gonna") || lower.equals("wanna") || lower.equals("gotta")) {
                out.add(s, s + 3);
                out.add(s + 3, e);
                return;
            }
        }
        out.add(s, e);
    }

    private static char lowerAt(String text, int i) {
        return Character.toLowerCase(text.charAt(i));
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    private static boolean isOpeningPunct(char c) {
        return c == '"' || c == '“' || c == '‘' || c == '\'' || c == '’' || c == '(' || c == '[' || c == '{' || c == '<'
                || c == '«' || c == '`' || c == '¿' || c == '¡' || c == '*' || c == '-' || c == '—' || c == '–' || c == '…'
                || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '/' || c == '”' || c == '|'
                || c == ')' || c == ']' || c == '}' || c == '•' || c == '·' || c == '~' || c == '=';
    }

    private static boolean isClosingPunct(char c) {
        return c == '"' || c == '”' || c == '’' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '>' || c == '»'
                || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '*' || c == '—' || c == '–'
                || c == '|' || c == '“' || c == '(' || c == '[' || c == '/';
    }

    private static boolean isCurrency(char c) {
        return c == '$' || c == '£' || c == '€' || c == '¥' || c == '₹';
    }

    /** A growable int array; avoids boxing on large inputs. */
    static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(2, capacity)];
        }

        void add(int a, int b) {
            if (size + 2 > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = a;
            data[size++] = b;
        }

        int get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
