package dev.referent.eval.io;

import dev.referent.doc.Document;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads CoNLL-U files with coreference in the MISC column ({@code Entity=}, the CorefUD notation used by GUM and
 * OntoGUM) into {@link Document}s: sentence boundaries, UPOS/XPOS, dependency heads (as document token indices)
 * and relations, gold clusters, and {@code # meta::title} / {@code # meta::author} as metadata. Each mention's head
 * is derived from the tree: the first token of the span whose head lies outside the span.
 *
 * <p>The text is rebuilt from the syntactic words: no space inside a multi-word token or where {@code
 * SpaceAfter=No}, one space elsewhere, and a blank line at each {@code # newpar}. Words therefore align one to one
 * with the tokens of the matching CoNLL files.
 */
public final class ConlluReader {

    /**
     * Receives the ten columns of every syntactic word as the reader takes it in, with its token index in the
     * document being read: for what a {@link Document} does not hold (FEATS, the entity types of {@code Entity=}).
     */
    @FunctionalInterface
    public interface WordColumns {
        void word(int token, String[] columns);
    }

    private final boolean lenient;
    private final Consumer<String> warnings;
    private final WordColumns columns;

    public ConlluReader() {
        this(false, w -> { });
    }

    public ConlluReader(boolean lenient, Consumer<String> warnings) {
        this(lenient, warnings, (token, columns) -> { });
    }

    public ConlluReader(boolean lenient, Consumer<String> warnings, WordColumns columns) {
        this.lenient = lenient;
        this.warnings = warnings;
        this.columns = columns;
    }

    public List<Document> read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.conllu$", "");
        return read(new java.io.StringReader(Utf8Files.read(file)), file.toString(), name);
    }

    public List<Document> read(String content, String sourceName) throws IOException {
        return read(new StringReader(content), sourceName, sourceName);
    }

    public List<Document> read(Reader reader, String source, String fallbackName) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Document> docs = new ArrayList<>();
        Builder doc = null;
        long lineNo = 0;
        String line;
        int mwtEnd = -1;
        boolean mwtSpaceAfter = true;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                String comment = line.substring(1).strip();
                if (comment.startsWith("newdoc")) {
                    if (doc != null && doc.hasTokens()) {
                        docs.add(doc.build(lineNo));
                    }
                    int eq = comment.indexOf('=');
                    String id = eq >= 0 ? comment.substring(eq + 1).strip() : fallbackName + "_" + docs.size();
                    doc = new Builder(source, id);
                } else if (doc != null && comment.startsWith("newpar")) {
                    doc.newParagraph();
                } else if (comment.startsWith("meta::")) {
                    if (doc == null) {
                        doc = new Builder(source, fallbackName);
                    }
                    int eq = comment.indexOf('=');
                    if (eq > 0) {
                        doc.meta.put(comment.substring(6, eq).strip(), comment.substring(eq + 1).strip());
                    }
                }
                continue;
            }
            if (line.isBlank()) {
                if (doc != null) {
                    doc.endSentence(lineNo);
                }
                continue;
            }
            if (doc == null) {
                doc = new Builder(source, fallbackName);
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 10) {
                throw new CorpusFormatException(source, lineNo, "expected 10 tab-separated CoNLL-U columns, found " + cols.length);
            }
            String idCol = cols[0];
            if (idCol.contains(".")) {
                continue; // empty node of enhanced dependencies
            }
            int dash = idCol.indexOf('-');
            if (dash > 0) {
                try {
                    mwtEnd = Integer.parseInt(idCol.substring(dash + 1));
                } catch (NumberFormatException e) {
                    throw new CorpusFormatException(source, lineNo, "bad multi-word token range '" + idCol + "'");
                }
                mwtSpaceAfter = !cols[9].contains("SpaceAfter=No");
                continue;
            }
            int wordId;
            try {
                wordId = Integer.parseInt(idCol);
            } catch (NumberFormatException e) {
                throw new CorpusFormatException(source, lineNo, "non-numeric word id '" + idCol + "'");
            }
            boolean spaceAfter;
            if (mwtEnd >= 0 && wordId < mwtEnd) {
                spaceAfter = false;
            } else if (mwtEnd >= 0 && wordId == mwtEnd) {
                spaceAfter = mwtSpaceAfter;
                mwtEnd = -1;
            } else {
                spaceAfter = !cols[9].contains("SpaceAfter=No");
            }
            doc.word(cols, wordId, spaceAfter, lineNo);
        }
        if (doc != null && doc.hasTokens()) {
            docs.add(doc.build(lineNo));
        }
        return docs;
    }

    private final class Builder {
        final String source;
        final String id;
        final Map<String, String> meta = new LinkedHashMap<>();
        final StringBuilder text = new StringBuilder();
        final List<Token> tokens = new ArrayList<>();
        final List<Integer> relativeHeads = new ArrayList<>();
        final List<Sentence> sentences = new ArrayList<>();
        final MentionCollector mentions;
        int sentenceStart = 0;
        boolean pendingParagraph = false;
        boolean pendingSpace = false;

        Builder(String source, String id) {
            this.source = source;
            this.id = id;
            this.mentions = new MentionCollector(source, lenient, false, warnings);
        }

        boolean hasTokens() {
            return !tokens.isEmpty();
        }

        void newParagraph() {
            pendingParagraph = true;
        }

        void word(String[] cols, int wordId, boolean spaceAfter, long lineNo) {
            String form = cols[1];
            if (form.isEmpty()) {
                throw new CorpusFormatException(source, lineNo, "empty word form");
            }
            if (!tokens.isEmpty()) {
                if (tokens.size() == sentenceStart) {
                    text.append(pendingParagraph ? "\n\n" : " ");
                } else if (pendingSpace) {
                    text.append(' ');
                }
            }
            pendingParagraph = false;
            int start = text.length();
            text.append(form);
            int head;
            try {
                head = cols[6].equals("_") ? -1 : Integer.parseInt(cols[6]);
            } catch (NumberFormatException e) {
                throw new CorpusFormatException(source, lineNo, "non-numeric HEAD '" + cols[6] + "'");
            }
            if (wordId != tokens.size() - sentenceStart + 1) {
                throw new CorpusFormatException(source, lineNo, "word id " + wordId + " out of sequence (expected "
                        + (tokens.size() - sentenceStart + 1) + ")");
            }
            relativeHeads.add(head);
            tokens.add(new Token(tokens.size(), start, text.length(), form, nullIfBlank(cols[3]), nullIfBlank(cols[4]),
                    Token.NO_HEAD, nullIfBlank(cols[7])));
            pendingSpace = spaceAfter;
            columns.word(tokens.size() - 1, cols);
            String entity = entityAttribute(cols[9]);
            if (entity != null) {
                mentions.cell(entity, tokens.size() - 1, lineNo);
            }
        }

        void endSentence(long lineNo) {
            if (tokens.size() == sentenceStart) {
                return;
            }
            int size = tokens.size() - sentenceStart;
            for (int i = sentenceStart; i < tokens.size(); i++) {
                int rel = relativeHeads.get(i);
                if (rel > size) {
                    throw new CorpusFormatException(source, lineNo, "HEAD " + rel + " of word " + (i - sentenceStart + 1)
                            + " outside the sentence of " + size + " words");
                }
                if (rel > 0) {
                    Token t = tokens.get(i);
                    tokens.set(i, new Token(t.index(), t.start(), t.end(), t.text(), t.upos(), t.xpos(),
                            sentenceStart + rel - 1, t.deprel()));
                }
            }
            sentences.add(new Sentence(sentences.size(), sentenceStart, tokens.size(), tokens.get(sentenceStart).start(),
                    tokens.get(tokens.size() - 1).end()));
            sentenceStart = tokens.size();
        }

        Document build(long lineNo) {
            endSentence(lineNo);
            mentions.finish(lineNo);
            meta.put("source", source);
            Document doc = new Document(id, text.toString(), meta, tokens, sentences, List.of(), List.of());
            return doc.withClusters(mentions.clusters(doc));
        }
    }

    /** The value of {@code Entity=} in a MISC column, with CorefUD's per-mention attributes reduced to ids. */
    static String entityAttribute(String misc) {
        String value = miscValue(misc, "Entity");
        return value == null ? null : reduceToIds(value);
    }

    /** The value of {@code key=} in a MISC column ("SpaceAfter=No|Entity=(1-person..."), or null. */
    public static String miscValue(String misc, String key) {
        if (misc.equals("_")) {
            return null;
        }
        for (String attribute : misc.split("\\|")) {
            if (attribute.length() > key.length() && attribute.startsWith(key) && attribute.charAt(key.length()) == '=') {
                return attribute.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** "(1-person-new-...(3-place-...)" -> "(1(3)": keeps the id, the first '-'-separated field of each opening. */
    private static String reduceToIds(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '(') {
                int j = i + 1;
                while (j < value.length() && value.charAt(j) != '(' && value.charAt(j) != ')') {
                    j++;
                }
                String body = value.substring(i + 1, j);
                int dash = body.indexOf('-');
                out.append('(').append(dash >= 0 ? body.substring(0, dash) : body);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String nullIfBlank(String s) {
        return s.isEmpty() || s.equals("_") ? null : s;
    }
}
