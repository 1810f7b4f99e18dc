package dev.referent.text;

import dev.referent.doc.Document;
import dev.referent.doc.Quote;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns raw text into a {@link Document}: tokens, sentences and quotations. The text is kept exactly as given
 * (including invalid surrogates and CRLF line endings). Thread-safe; share one instance.
 */
public final class TextAnalyzer {

    private final EnglishTokenizer tokenizer = new EnglishTokenizer();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final QuoteFinder quoteFinder = new QuoteFinder();

    public Document analyze(String id, String text) {
        return analyze(id, text, Map.of());
    }

    public Document analyze(String id, String text, Map<String, String> metadata) {
        int[] spans = tokenizer.tokenize(text);
        List<Token> tokens = new ArrayList<>(spans.length / 2);
        for (int k = 0; k < spans.length; k += 2) {
            tokens.add(Token.of(k / 2, spans[k], spans[k + 1], text.substring(spans[k], spans[k + 1])));
        }
        List<Sentence> sentences = splitter.split(text, tokens);
        List<Quote> quotes = quoteFinder.find(text, tokens, sentences);
        return new Document(id, text, metadata, tokens, sentences, quotes, List.of());
    }

    /**
     * The same document with annotation reduced to what raw text would give: its tokens (tags and trees dropped),
     * sentences re-split when the source had none (CoNLL files without sentence breaks), and quotations found.
     * Gold clusters are dropped too. This is what the model sees at evaluation, so scores are honest.
     */
    public Document prepareForPrediction(Document doc) {
        List<Token> plain = new ArrayList<>(doc.size());
        for (Token t : doc.tokens()) {
            plain.add(Token.of(t.index(), t.start(), t.end(), t.text()));
        }
        List<Sentence> sentences = doc.sentences();
        if (sentences.size() <= 1 && doc.size() > 0) {
            sentences = splitter.split(doc.text(), plain);
        }
        List<Quote> quotes = quoteFinder.find(doc.text(), plain, sentences);
        return new Document(doc.id(), doc.text(), doc.metadata(), plain, sentences, quotes, List.of());
    }
}
