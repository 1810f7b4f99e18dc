package dev.referent.eval;

import dev.referent.doc.Document;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;
import dev.referent.text.EnglishTokenizer;
import dev.referent.text.SentenceSplitter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Agreement of {@link EnglishTokenizer} and {@link SentenceSplitter} with gold tokenization and sentence breaks:
 * precision, recall and F1 over exact token character spans and over sentence-end offsets.
 */
public final class TokenizationAgreement {

    private long goldTokens;
    private long predictedTokens;
    private long matchedTokens;
    private long goldSentences;
    private long predictedSentences;
    private long matchedSentences;
    private final List<String> examples = new ArrayList<>();
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();
    private final SentenceSplitter splitter = new SentenceSplitter();

    /** Adds one gold document (its text, tokens and sentences). */
    public void add(Document gold) {
        String text = gold.text();
        int[] spans = tokenizer.tokenize(text);
        Set<Long> predicted = new HashSet<>();
        List<Token> predictedTokenList = new ArrayList<>();
        for (int k = 0; k < spans.length; k += 2) {
            predicted.add(key(spans[k], spans[k + 1]));
            predictedTokenList.add(Token.of(k / 2, spans[k], spans[k + 1], text.substring(spans[k], spans[k + 1])));
        }
        Set<Long> goldSet = new HashSet<>();
        for (Token t : gold.tokens()) {
            long k = key(t.start(), t.end());
            goldSet.add(k);
            if (!predicted.contains(k) && examples.size() < 3000) {
                int from = Math.max(0, t.start() - 15);
                int to = Math.min(text.length(), t.end() + 15);
                examples.add(gold.id() + ": gold '" + t.text() + "' in \"" + text.substring(from, to).replace('\n', ' ') + "\"");
            }
        }
        goldTokens += goldSet.size();
        predictedTokens += predicted.size();
        for (long k : predicted) {
            if (goldSet.contains(k)) {
                matchedTokens++;
            }
        }
        Set<Integer> goldEnds = new HashSet<>();
        for (Sentence s : gold.sentences()) {
            goldEnds.add(s.end());
        }
        Set<Integer> predictedEnds = new HashSet<>();
        if (!predictedTokenList.isEmpty()) {
            for (Sentence s : splitter.split(text, predictedTokenList)) {
                predictedEnds.add(s.end());
            }
        }
        goldSentences += goldEnds.size();
        predictedSentences += predictedEnds.size();
        for (int e : predictedEnds) {
            if (goldEnds.contains(e)) {
                matchedSentences++;
            }
        }
    }

    private static long key(int start, int end) {
        return ((long) start << 32) | end;
    }

    public double tokenPrecision() {
        return predictedTokens == 0 ? 0 : (double) matchedTokens / predictedTokens;
    }

    public double tokenRecall() {
        return goldTokens == 0 ? 0 : (double) matchedTokens / goldTokens;
    }

    public double tokenF1() {
        double p = tokenPrecision();
        double r = tokenRecall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double sentenceF1() {
        double p = predictedSentences == 0 ? 0 : (double) matchedSentences / predictedSentences;
        double r = goldSentences == 0 ? 0 : (double) matchedSentences / goldSentences;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long goldTokens() {
        return goldTokens;
    }

    /** Up to 400 gold tokens the tokenizer missed, with context, for error analysis. */
    public List<String> examples() {
        return examples;
    }
}
