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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CoNLL-2012 style coreference files into {@link Document}s with gold clusters. Handles the OntoNotes layout
 * (12+ columns: document, part, index, word, POS, ..., speaker, ..., coreference last), LitBank's 13 columns, the
 * scorer's test files (5 columns) and GUM/OntoGUM's 3 columns (index, word, coreference). Blank lines separate
 * sentences; a file without blank lines is one sentence per document. The document text is the words joined by
 * single spaces, with a line break between sentences.
 *
 * <p>The header line is kept in the metadata ({@link #HEADER}) so that a writer can reproduce it for the scorer.
 * Malformed input raises {@link CorpusFormatException} naming file and line; in lenient mode unbalanced brackets
 * are dropped with a warning instead.
 */
public final class ConllReader {

    /** Metadata key holding the original "#begin document" line. */
    public static final String HEADER = dev.referent.format.ConllWriter.HEADER;
    /** Metadata key holding the number of columns of the source. */
    public static final String COLUMNS = "conll.columns";

    private static final Pattern BEGIN = Pattern.compile("^#\\s*begin document\\s?(.*?)\\s*$");
    private static final Pattern ONTONOTES_NAME = Pattern.compile("^\\((.*)\\);\\s*part\\s+(\\d+)$");

    private final boolean lenient;
    private final Consumer<String> warnings;

    /** A strict reader. */
    public ConllReader() {
        this(false, w -> { });
    }

    /**
     * @param lenient drop unbalanced brackets with a warning instead of failing
     * @param warnings receives one message per recovered problem
     */
    public ConllReader(boolean lenient, Consumer<String> warnings) {
        this.lenient = lenient;
        this.warnings = warnings;
    }

    public List<Document> read(Path file) throws IOException {
        return read(new StringReader(Utf8Files.read(file)), file.toString(), fileStem(file));
    }

    public List<Document> read(String content, String sourceName) throws IOException {
        return read(new StringReader(content), sourceName, sourceName);
    }

    private static String fileStem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public List<Document> read(Reader reader, String source, String fallbackName) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Document> docs = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        DocBuilder current = null;
        long lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                Matcher begin = BEGIN.matcher(line);
                if (begin.matches()) {
                    if (current != null) {
                        throw new CorpusFormatException(source, lineNo, "'#begin document' inside document '"
                                + current.id + "' (missing '#end document')");
                    }
                    String id = documentId(begin.group(1), fallbackName, docs.size());
                    int seen = seenIds.merge(id, 1, Integer::sum);
                    if (seen > 1) {
                        id = id + "#" + seen;
                    }
                    current = new DocBuilder(source, id, line, lineNo);
                    continue;
                }
                if (line.startsWith("#end document") || line.startsWith("# end document")) {
                    if (current == null) {
                        throw new CorpusFormatException(source, lineNo, "'#end document' without '#begin document'");
                    }
                    docs.add(current.build(lineNo));
                    current = null;
                    continue;
                }
                if (current == null || !line.contains("\t")) {
                    continue; // other comments
                }
            }
            if (line.isBlank()) {
                if (current != null) {
                    current.sentenceBreak();
                }
                continue;
            }
            if (current == null) {
                throw new CorpusFormatException(source, lineNo, "token line outside '#begin document' ... '#end document'");
            }
            current.token(line, lineNo);
        }
        if (current != null) {
            // GUM/OntoGUM files end without "#end document"
            docs.add(current.build(lineNo));
        }
        return docs;
    }

    private static String documentId(String raw, String fallback, int index) {
        String name = raw.strip();
        Matcher m = ONTONOTES_NAME.matcher(name);
        if (m.matches()) {
            String base = m.group(1);
            // any number of digits (a fuzzed "part 99999999999" overflowed int): compared and printed as a number
            java.math.BigInteger part = new java.math.BigInteger(m.group(2));
            name = part.signum() == 0 ? base : base + "_part" + part;
        } else if (name.startsWith("(") && name.endsWith(");")) {
            name = name.substring(1, name.length() - 2);
        }
        if (name.isEmpty()) {
            name = index == 0 ? fallback : fallback + "_" + index;
        }
        return name;
    }

    private final class DocBuilder {
        final String source;
        final String id;
        final String header;
        final StringBuilder text = new StringBuilder();
        final List<Token> tokens = new ArrayList<>();
        final List<Sentence> sentences = new ArrayList<>();
        final MentionCollector mentions;
        int sentenceStart = 0;
        int columns = -1;
        String speaker;

        DocBuilder(String source, String id, String header, long line) {
            this.source = source;
            this.id = id;
            this.header = header;
            this.mentions = new MentionCollector(source, lenient, true, warnings);
        }

        void token(String line, long lineNo) {
            String[] cols = line.split("\t", -1);
            if (cols.length == 1) {
                cols = line.trim().split("\\s+");
            }
            int n = cols.length;
            // a stray trailing tab (as on the scorer's test files) adds an empty column; LitBank's empty 13th column is real
            if (columns > 0 && n == columns + 1 && cols[n - 1].isEmpty()) {
                n--;
            }
            if (columns < 0) {
                columns = n;
                if (n < 2) {
                    throw new CorpusFormatException(source, lineNo, "expected at least 2 columns (word or name, coreference), found " + n);
                }
            } else if (n != columns) {
                throw new CorpusFormatException(source, lineNo, "expected " + columns + " columns as on the first token line of document '"
                        + id + "', found " + n);
            }
            // 2 columns: the scorer's "name coreference" test files; 3: GUM (index, word, coreference)
            String word = n == 2 ? cols[0] : n == 3 ? cols[1] : cols[3];
            if (word.isEmpty()) {
                warnings.accept(source + ":" + lineNo + ": empty token replaced by '_'");
                word = "_";
            }
            String pos = n >= 12 ? cols[4] : null;
            if (n >= 12 && speaker == null) {
                speaker = cols[9];
            }
            if (!tokens.isEmpty()) {
                text.append(tokens.size() == sentenceStart ? '\n' : ' ');
            }
            int start = text.length();
            text.append(word);
            int index = tokens.size();
            tokens.add(new Token(index, start, text.length(), word, null, pos == null || pos.equals("-") ? null : pos,
                    Token.NO_HEAD, null));
            mentions.cell(cols[n - 1].trim(), index, lineNo);
        }

        void sentenceBreak() {
            if (tokens.size() > sentenceStart) {
                sentences.add(new Sentence(sentences.size(), sentenceStart, tokens.size(),
                        tokens.get(sentenceStart).start(), tokens.get(tokens.size() - 1).end()));
                sentenceStart = tokens.size();
            }
        }

        Document build(long lineNo) {
            mentions.finish(lineNo);
            sentenceBreak();
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(HEADER, header);
            meta.put(COLUMNS, String.valueOf(columns));
            meta.put("source", source);
            Document doc = new Document(id, text.toString(), meta, tokens, sentences, List.of(), List.of());
            return doc.withClusters(mentions.clusters(doc));
        }
    }
}
