package dev.referent.bench;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Sentence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bridge between our tokens and CoreNLP's when CoreNLP is given the gold tokens: one sentence per line, tokens
 * separated by single spaces ({@code tokenize.whitespace=true}, {@code ssplit.eolonly=true}), so CoreNLP's sentence
 * {@code s}, token {@code i} is our sentence {@code s}, token {@code i}, and its chains map back to our token spans.
 */
final class CoreNlpTokens {

    /** A CoreNLP mention: 0-based sentence, 0-based first token and exclusive end token within that sentence. */
    record SentenceSpan(int sentence, int tokenStart, int tokenEnd) {
    }

    private CoreNlpTokens() {
    }

    /** The text CoreNLP reads: each sentence's tokens on one line, any whitespace inside a token turned into '_'. */
    static String text(Document doc) {
        StringBuilder text = new StringBuilder(doc.text().length() + doc.sentences().size());
        for (Sentence s : doc.sentences()) {
            for (int i = s.tokenStart(); i < s.tokenEnd(); i++) {
                if (i > s.tokenStart()) {
                    text.append(' ');
                }
                String token = doc.token(i).text();
                for (int k = 0; k < token.length(); k++) {
                    char c = token.charAt(k);
                    text.append(Character.isWhitespace(c) || Character.isSpaceChar(c) ? '_' : c);
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * CoreNLP's chains as clusters of {@code doc}, under the OntoNotes scheme the scorer expects: chains of one
     * mention (singletons) are dropped, and a span already in an earlier chain is not repeated.
     *
     * @param sentenceLengths the number of tokens CoreNLP found in each sentence, checked against ours
     */
    static List<Cluster> clusters(Document doc, int[] sentenceLengths, List<List<SentenceSpan>> chains) {
        List<Sentence> sentences = doc.sentences();
        if (sentenceLengths.length != sentences.size()) {
            throw new IllegalStateException("document " + doc.id() + ": CoreNLP found " + sentenceLengths.length
                    + " sentences, the input has " + sentences.size());
        }
        for (int s = 0; s < sentences.size(); s++) {
            int ours = sentences.get(s).tokenEnd() - sentences.get(s).tokenStart();
            if (sentenceLengths[s] != ours) {
                throw new IllegalStateException("document " + doc.id() + ", sentence " + s + ": CoreNLP found "
                        + sentenceLengths[s] + " tokens, the input has " + ours);
            }
        }
        Set<Long> seen = new HashSet<>();
        List<Cluster> clusters = new ArrayList<>();
        for (List<SentenceSpan> chain : chains) {
            List<Mention> mentions = new ArrayList<>();
            for (SentenceSpan span : chain) {
                Sentence s = sentences.get(span.sentence());
                int start = s.tokenStart() + span.tokenStart();
                int end = s.tokenStart() + span.tokenEnd();
                if (span.tokenStart() < 0 || end > s.tokenEnd() || end <= start) {
                    throw new IllegalStateException("document " + doc.id() + ": CoreNLP mention " + span
                            + " outside sentence " + span.sentence());
                }
                if (seen.add(((long) start << 32) | end)) {
                    mentions.add(doc.mention(start, end));
                }
            }
            if (mentions.size() >= 2) {
                clusters.add(new Cluster(clusters.size(), mentions));
            }
        }
        return clusters;
    }
}
