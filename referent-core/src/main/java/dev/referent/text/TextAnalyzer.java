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
}
