package dev.referent.doc;

import java.util.Locale;
import java.util.Set;

/**
 * What a span of a document's tokens is as a mention: its syntactic head ({@link #headOf}) and its type
 * ({@link #typeOf}). {@link Document#mention} calls it for every mention it builds.
 */
public final class MentionAnalysis {

    private static final Set<String> POST_MODIFIER_STARTS = Set.of(
            "of", "in", "for", "with", "at", "on", "from", "by", "about", "who", "whom", "whose", "which", "that",
            ",", "(", "-", "–", "—", "as", "to", "under", "over", "after", "before", "like", "near", "into");

    private MentionAnalysis() {
    }

    /**
     * The syntactic head of tokens {@code [tokenStart, tokenEnd)}: with a dependency tree, the first token whose head
     * lies outside the span; without one, the last content word before a post-modifier ("the President of France" ->
     * "President").
     */
    public static int headOf(Document doc, int tokenStart, int tokenEnd) {
        boolean hasTree = false;
        for (int i = tokenStart; i < tokenEnd; i++) {
            Token t = doc.token(i);
            if (t.hasHead() || "root".equals(t.deprel())) {
                hasTree = true;
                if (!t.hasHead() || t.head() < tokenStart || t.head() >= tokenEnd) {
                    return i;
                }
            }
        }
        if (hasTree) {
            return tokenStart;
        }
        int limit = tokenEnd;
        for (int i = tokenStart + 1; i < tokenEnd; i++) {
            if (POST_MODIFIER_STARTS.contains(doc.token(i).text().toLowerCase(Locale.ROOT))) {
                limit = i;
                break;
            }
        }
        for (int i = limit - 1; i >= tokenStart; i--) {
            String w = doc.token(i).text();
            if (!isPunctuation(w) && !w.equals("'s") && !w.equals("’s")) {
                return i;
            }
        }
        return tokenStart;
    }

    /**
     * The type of the mention over tokens {@code [tokenStart, tokenEnd)} with head {@code head}: from the pronoun
     * lexicon, else the head's Penn Treebank tag, else its universal tag, else its capitalisation.
     */
    public static MentionType typeOf(Document doc, int tokenStart, int tokenEnd, int head) {
        Token h = doc.token(head);
        if (tokenEnd - tokenStart == 1 && Pronoun.isPronoun(h.text())) {
            return MentionType.PRONOUN;
        }
        String xpos = h.xpos();
        if (xpos != null) {
            if (xpos.startsWith("PRP") || xpos.equals("WP") || xpos.equals("WP$")) {
                return MentionType.PRONOUN;
            }
            if (xpos.startsWith("NNP")) {
                return MentionType.PROPER;
            }
            return xpos.startsWith("NN") || xpos.startsWith("CD") ? MentionType.NOMINAL : MentionType.OTHER;
        }
        if (h.upos() != null) {
            return switch (h.upos()) {
                case "PRON" -> MentionType.PRONOUN;
                case "PROPN" -> MentionType.PROPER;
                case "NOUN", "NUM" -> MentionType.NOMINAL;
                default -> MentionType.OTHER;
            };
        }
        String w = h.text();
        boolean capitalised = Capitalisation.isCapitalised(w);
        boolean sentenceInitial = Capitalisation.isSentenceInitial(doc, head);
        if (capitalised && (!sentenceInitial || tokenEnd - tokenStart > 1 && head > tokenStart)) {
            return MentionType.PROPER;
        }
        return MentionType.NOMINAL;
    }

    private static boolean isPunctuation(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLetterOrDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
