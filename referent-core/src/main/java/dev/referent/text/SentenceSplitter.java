package dev.referent.text;

import dev.referent.doc.Capitalisation;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rule-based English sentence splitter over tokens. A sentence ends at ".", "!", "?" or "..." (plus any closing
 * quotes or brackets right after it) when the next token can start a sentence; at a paragraph break (a blank
 * line); and at a line break after a short unterminated line (headlines, datelines). Abbreviations keep their
 * period in the tokenizer, so "Mr. Smith" never splits; an abbreviation such as "U.S." ends a sentence only when
 * the next word is a typical sentence opener ("... in the U.S. The ..."). Thread-safe.
 */
public final class SentenceSplitter {

    /** A line shorter than this without final punctuation is a sentence of its own (headline, dateline). */
    static final int SHORT_LINE = 60;

    private static final Set<String> SENTENCE_OPENERS = Set.of(
            "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
            "in", "on", "at", "but", "and", "or", "so", "yet", "if", "when", "while", "after", "before", "as", "his",
            "her", "its", "their", "our", "my", "meanwhile", "however", "for", "some", "many", "most", "no", "one",
            "what", "who", "why", "how", "where", "today", "yesterday", "last", "since", "although", "though", "both",
            "according", "officials", "police", "then", "now", "also", "still", "other");

    public List<Sentence> split(String text, List<Token> tokens) {
        List<Sentence> sentences = new ArrayList<>();
        int n = tokens.size();
        int first = 0;
        for (int i = 0; i < n; i++) {
            boolean end = i == n - 1;
            int last = i;
            if (!end) {
                if (isTerminal(tokens.get(i).text())) {
                    while (last + 1 < n && isCloser(tokens.get(last + 1).text()) && noSpaceBetween(tokens, last)) {
                        last++;
                    }
                    end = last == n - 1 || canStartSentence(tokens.get(last + 1).text())
                            || paragraphBreak(text, tokens, last) || lineBreak(text, tokens, last);
                } else if (endsWithAbbreviationPeriod(tokens.get(i).text())) {
                    end = lineBreakOrParagraph(text, tokens, i) || isOpener(tokens.get(i + 1).text())
                            && !EnglishTokenizer.NON_FINAL_ABBREVIATIONS.contains(stripPeriod(tokens.get(i).text()));
                } else {
                    end = paragraphBreak(text, tokens, i) || shortLineBreak(text, tokens, i);
                }
            }
            if (end) {
                sentences.add(new Sentence(sentences.size(), first, last + 1, tokens.get(first).start(), tokens.get(last).end()));
                first = last + 1;
                i = last;
            }
        }
        return sentences;
    }

    private static boolean isTerminal(String t) {
        return t.equals(".") || t.equals("!") || t.equals("?") || t.equals("...") || t.equals("…") || t.equals("..")
                || t.equals("?!") || t.equals("!!");
    }

    private static boolean isCloser(String t) {
        return t.equals("\"") || t.equals("”") || t.equals("’") || t.equals("'") || t.equals(")") || t.equals("]")
                || t.equals("»") || t.equals("!") || t.equals("?") || t.equals(".");
    }

    private static boolean noSpaceBetween(List<Token> tokens, int i) {
        return tokens.get(i).end() == tokens.get(i + 1).start();
    }

    private static boolean canStartSentence(String t) {
        int cp = t.codePointAt(0);
        return Character.isUpperCase(cp) || Character.isDigit(cp) || Character.isTitleCase(cp)
                || "\"“‘'([-—–•*$£€#@".indexOf(t.charAt(0)) >= 0;
    }

    private static boolean endsWithAbbreviationPeriod(String t) {
        return t.length() > 1 && t.endsWith(".") && Character.isLetter(t.charAt(t.length() - 2));
    }

    private static String stripPeriod(String t) {
        return t.substring(0, t.length() - 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isOpener(String t) {
        return Capitalisation.isCapitalised(t) && SENTENCE_OPENERS.contains(t.toLowerCase(Locale.ROOT));
    }

    private static boolean lineBreakOrParagraph(String text, List<Token> tokens, int i) {
        return paragraphBreak(text, tokens, i) || shortLineBreak(text, tokens, i);
    }

    /** A blank line (two line breaks, possibly with spaces) between token {@code i} and the next. */
    static boolean paragraphBreak(String text, List<Token> tokens, int i) {
        int newlines = 0;
        for (int k = tokens.get(i).end(); k < tokens.get(i + 1).start(); k++) {
            char c = text.charAt(k);
            if (c == '\n') {
                newlines++;
            } else if (c == '\r' && (k + 1 >= text.length() || text.charAt(k + 1) != '\n')) {
                newlines++;
            } else if (c == '\u2029') {
                newlines += 2;
            }
        }
        return newlines >= 2;
    }

    private static boolean lineBreak(String text, List<Token> tokens, int i) {
        for (int k = tokens.get(i).end(); k < tokens.get(i + 1).start(); k++) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** A single line break after a short line that does not continue (a headline, a dateline, a list item). */
    private static boolean shortLineBreak(String text, List<Token> tokens, int i) {
        if (!lineBreak(text, tokens, i)) {
            return false;
        }
        int end = tokens.get(i).end();
        int lineStart = end;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        String last = tokens.get(i).text();
        boolean continues = last.equals(",") || last.equals(";") || last.equals(":") || last.equals("-")
                || last.equalsIgnoreCase("and") || last.equalsIgnoreCase("the") || last.equalsIgnoreCase("of");
        return end - lineStart < SHORT_LINE && !continues;
    }
}
