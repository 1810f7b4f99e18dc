package dev.referent.doc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable document: the original text, its tokens (character ranges into the text), sentences, quotations
 * and, when known, coreference clusters. Every token, sentence, quote and mention reproduces its characters exactly
 * from {@link #text()}; the constructor checks this, so a {@code Document} can never disagree with its text.
 *
 * <p>Documents are built by {@link dev.referent.text.TextAnalyzer} (raw text) or by the corpus readers (gold
 * tokens). The {@code with*} methods return modified copies.
 */
public final class Document {

    private final String id;
    private final String text;
    private final Map<String, String> metadata;
    private final List<Token> tokens;
    private final List<Sentence> sentences;
    private final List<Quote> quotes;
    private final List<Cluster> clusters;
    /** sentence index of every token, for O(1) lookups. */
    private final int[] sentenceOfToken;

    public Document(String id, String text, Map<String, String> metadata, List<Token> tokens,
                    List<Sentence> sentences, List<Quote> quotes, List<Cluster> clusters) {
        this.id = Objects.requireNonNull(id, "id");
        this.text = Objects.requireNonNull(text, "text");
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
        this.tokens = List.copyOf(tokens);
        this.sentences = List.copyOf(sentences);
        this.quotes = List.copyOf(quotes == null ? List.of() : quotes);
        this.clusters = List.copyOf(clusters == null ? List.of() : clusters);
        this.sentenceOfToken = new int[this.tokens.size()];
        validate();
    }

    private void validate() {
        int previousEnd = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.index() != i) {
                throw new IllegalArgumentException("document " + id + ": token " + i + " has index " + t.index());
            }
            if (t.start() < previousEnd || t.end() > text.length()) {
                throw new IllegalArgumentException("document " + id + ": token " + i + " [" + t.start() + ", " + t.end()
                        + ") overlaps its predecessor or leaves the text");
            }
            if (!text.regionMatches(t.start(), t.text(), 0, t.length())) {
                throw new IllegalArgumentException("document " + id + ": token " + i + " '" + t.text()
                        + "' differs from the text at offset " + t.start());
            }
            previousEnd = t.end();
        }
        int expectedToken = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            if (sentence.index() != s || sentence.tokenStart() != expectedToken || sentence.size() == 0) {
                throw new IllegalArgumentException("document " + id + ": sentence " + s
                        + " does not continue the previous one or is empty");
            }
            if (sentence.tokenEnd() > tokens.size()) {
                throw new IllegalArgumentException("document " + id + ": sentence " + s + " runs past the last token");
            }
            if (sentence.start() != tokens.get(sentence.tokenStart()).start()
                    || sentence.end() != tokens.get(sentence.tokenEnd() - 1).end()) {
                throw new IllegalArgumentException("document " + id + ": sentence " + s + " character range mismatch");
            }
            for (int t = sentence.tokenStart(); t < sentence.tokenEnd(); t++) {
                sentenceOfToken[t] = s;
            }
            expectedToken = sentence.tokenEnd();
        }
        if (expectedToken != tokens.size()) {
            throw new IllegalArgumentException("document " + id + ": sentences cover " + expectedToken + " of "
                    + tokens.size() + " tokens");
        }
        for (Quote q : quotes) {
            if (q.end() > text.length() || q.tokenEnd() > tokens.size()) {
                throw new IllegalArgumentException("document " + id + ": quote [" + q.start() + ", " + q.end() + ") leaves the text");
            }
        }
        for (Cluster c : clusters) {
            for (Mention m : c.mentions()) {
                checkMention(m);
            }
        }
    }

    private void checkMention(Mention m) {
        if (m.tokenEnd() > tokens.size()) {
            throw new IllegalArgumentException("document " + id + ": mention " + m + " runs past the last token");
        }
        if (m.start() != tokens.get(m.tokenStart()).start() || m.end() != tokens.get(m.tokenEnd() - 1).end()
                || !text.regionMatches(m.start(), m.text(), 0, m.text().length())) {
            throw new IllegalArgumentException("document " + id + ": mention " + m + " does not match the text");
        }
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Optional<String> title() {
        return Optional.ofNullable(metadata.get("title"));
    }

    public Optional<String> author() {
        return Optional.ofNullable(metadata.get("author"));
    }

    public List<Token> tokens() {
        return tokens;
    }

    public Token token(int index) {
        return tokens.get(index);
    }

    public int size() {
        return tokens.size();
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    public Sentence sentenceOf(int tokenIndex) {
        return sentences.get(sentenceOfToken[tokenIndex]);
    }

    public int sentenceIndexOf(int tokenIndex) {
        return sentenceOfToken[tokenIndex];
    }

    public List<Quote> quotes() {
        return quotes;
    }

    /** The quotation containing the token, if any (the innermost when quotes nest). */
    public Optional<Quote> quoteOf(int tokenIndex) {
        Quote best = null;
        for (Quote q : quotes) {
            if (q.containsToken(tokenIndex) && (best == null || q.tokenEnd() - q.tokenStart() < best.tokenEnd() - best.tokenStart())) {
                best = q;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** The characters {@code [start, end)} of the text. */
    public String text(int start, int end) {
        return text.substring(start, end);
    }

    /** Index of the token covering character {@code offset}, or -1 if the offset is whitespace or outside. */
    public int tokenAt(int offset) {
        int lo = 0;
        int hi = tokens.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Token t = tokens.get(mid);
            if (offset < t.start()) {
                hi = mid - 1;
            } else if (offset >= t.end()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * A mention over tokens {@code [tokenStart, tokenEnd)} with its character range, text, syntactic head and type
     * derived from this document ({@link MentionAnalysis}).
     */
    public Mention mention(int tokenStart, int tokenEnd) {
        return mention(tokenStart, tokenEnd, MentionAnalysis.headOf(this, tokenStart, tokenEnd));
    }

    /** A mention with an explicitly given head token (for instance one predicted by a model). */
    public Mention mention(int tokenStart, int tokenEnd, int head) {
        if (tokenStart < 0 || tokenEnd > tokens.size() || tokenEnd <= tokenStart) {
            throw new IndexOutOfBoundsException("document " + id + ": mention tokens [" + tokenStart + ", " + tokenEnd
                    + ") outside 0.." + tokens.size());
        }
        int start = tokens.get(tokenStart).start();
        int end = tokens.get(tokenEnd - 1).end();
        return new Mention(tokenStart, tokenEnd, start, end, head, text.substring(start, end),
                MentionAnalysis.typeOf(this, tokenStart, tokenEnd, head));
    }

    public Document withClusters(List<Cluster> newClusters) {
        return new Document(id, text, metadata, tokens, sentences, quotes, newClusters);
    }

    public Document withTokens(List<Token> newTokens) {
        return new Document(id, text, metadata, newTokens, sentences, quotes, clusters);
    }

    public Document withQuotes(List<Quote> newQuotes) {
        return new Document(id, text, metadata, tokens, sentences, newQuotes, clusters);
    }

    public Document withMetadata(Map<String, String> newMetadata) {
        return new Document(id, text, newMetadata, tokens, sentences, quotes, clusters);
    }

    public Document withId(String newId) {
        return new Document(newId, text, metadata, tokens, sentences, quotes, clusters);
    }

    /** All mentions of all clusters, in document order. */
    public List<Mention> mentions() {
        List<Mention> all = new ArrayList<>();
        for (Cluster c : clusters) {
            all.addAll(c.mentions());
        }
        all.sort(Mention.DOCUMENT_ORDER);
        return all;
    }

    @Override
    public String toString() {
        return "Document[" + id + ", " + tokens.size() + " tokens, " + sentences.size() + " sentences, "
                + clusters.size() + " clusters]";
    }
}
