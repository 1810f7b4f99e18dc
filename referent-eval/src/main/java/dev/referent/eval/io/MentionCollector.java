package dev.referent.eval.io;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects bracketed mentions ("(3", "3)", "(3)") token by token and builds clusters. Shared by the CoNLL-2012
 * reader (coreference column) and the CoNLL-U reader ({@code Entity=} attribute). Unbalanced brackets are an error
 * naming the file and line; in lenient mode the broken mention is dropped and a warning is reported instead.
 */
final class MentionCollector {

    /** A mention whose tokens are known but whose document is not built yet. */
    record PendingMention(int clusterId, int tokenStart, int tokenEnd) {
    }

    private record Open(int token, long line) {
    }

    private final String source;
    private final boolean lenient;
    private final Consumer<String> warnings;
    private final Map<Integer, Deque<Open>> open = new TreeMap<>();
    private final List<PendingMention> mentions = new ArrayList<>();
    /** Maps textual ids (CorefUD "e12", GUM "person-12") to cluster numbers. */
    private final Map<String, Integer> textualIds = new LinkedHashMap<>();
    private final boolean numericIdsOnly;
    /** Cluster ids in order of first appearance, which fixes the order of clusters (the scorer depends on it). */
    private final Map<Integer, Integer> firstSeen = new LinkedHashMap<>();

    MentionCollector(String source, boolean lenient, boolean numericIdsOnly, Consumer<String> warnings) {
        this.source = source;
        this.lenient = lenient;
        this.numericIdsOnly = numericIdsOnly;
        this.warnings = warnings;
    }

    /**
     * Parses one cell of bracket notation for token {@code token}. Accepts "-", "_" and "" as empty, "|" as a
     * separator, numeric ids, GUM's typed ids ("person-12", "abstract-2-Iodine": the number is the id) and, unless
     * numeric ids are required, any other id made of letters, digits, '-' and '_'.
     */
    void cell(String cell, int token, long line) {
        if (cell.isEmpty() || cell.equals("-") || cell.equals("_")) {
            return;
        }
        int i = 0;
        int n = cell.length();
        while (i < n) {
            char c = cell.charAt(i);
            if (c == '|' || c == ' ') {
                i++;
            } else if (c == '(') {
                int j = i + 1;
                while (j < n && cell.charAt(j) != '(' && cell.charAt(j) != ')' && cell.charAt(j) != '|') {
                    j++;
                }
                String id = cell.substring(i + 1, j);
                if (id.isEmpty()) {
                    throw new CorpusFormatException(source, line, "empty cluster id in '" + cell + "'");
                }
                if (j < n && cell.charAt(j) == ')') {
                    single(id, token, line, cell);
                    i = j + 1;
                } else {
                    begin(id, token, line, cell);
                    i = j;
                }
            } else {
                int j = i;
                while (j < n && cell.charAt(j) != ')' && cell.charAt(j) != '(' && cell.charAt(j) != '|') {
                    j++;
                }
                if (j >= n || cell.charAt(j) != ')') {
                    throw new CorpusFormatException(source, line, "cannot parse coreference cell '" + cell
                            + "' (expected '(id', 'id)' or '(id)')");
                }
                end(cell.substring(i, j), token, line, cell);
                i = j + 1;
            }
        }
    }

    private void single(String id, int token, long line, String cell) {
        int cluster = clusterId(id, line, cell);
        if (cluster >= 0) {
            mentions.add(new PendingMention(cluster, token, token + 1));
        }
    }

    private void begin(String id, int token, long line, String cell) {
        int cluster = clusterId(id, line, cell);
        if (cluster >= 0) {
            open.computeIfAbsent(cluster, k -> new ArrayDeque<>()).push(new Open(token, line));
        }
    }

    private void end(String id, int token, long line, String cell) {
        int cluster = clusterId(id, line, cell);
        if (cluster < 0) {
            return;
        }
        Deque<Open> stack = open.get(cluster);
        if (stack == null || stack.isEmpty()) {
            String reason = "mention of cluster " + id + " ends without a begin ('" + cell + "')";
            if (!lenient) {
                throw new CorpusFormatException(source, line, reason + "; unbalanced brackets");
            }
            warnings.accept(source + ":" + line + ": " + reason + "; dropped");
            return;
        }
        Open begin = stack.pop();
        mentions.add(new PendingMention(cluster, begin.token(), token + 1));
    }

    /** The numeric cluster id, or -1 for ids to ignore (split antecedents "1+2"). */
    private int clusterId(String raw, long line, String cell) {
        String id = raw;
        int bracket = id.indexOf('[');
        if (bracket > 0) {
            id = id.substring(0, bracket); // CorefUD discontinuous part marker "e5[1/2]"
        }
        if (id.matches("\\d+\\+\\d+")) {
            return -1;
        }
        int number = parseId(id, raw, line, cell);
        firstSeen.putIfAbsent(number, firstSeen.size());
        return number;
    }

    private int parseId(String id, String raw, long line, String cell) {
        if (id.matches("\\d{1,9}")) {
            return Integer.parseInt(id);
        }
        var gum = GUM_TYPED_ID.matcher(id);
        if (gum.matches()) {
            return Integer.parseInt(gum.group(1));
        }
        if (numericIdsOnly || !id.matches("[\\w-]+")) {
            throw new CorpusFormatException(source, line, "non-numeric cluster id '" + raw + "' in '" + cell + "'");
        }
        // Textual ids get numbers above any plausible numeric id of the same document.
        return textualIds.computeIfAbsent(id, k -> 1_000_000 + textualIds.size());
    }

    private static final java.util.regex.Pattern GUM_TYPED_ID = java.util.regex.Pattern.compile("[a-z]+-(\\d{1,9})(?:-.*)?");

    /** Checks that every bracket was closed; {@code line} is where the document ended. */
    void finish(long line) {
        for (Map.Entry<Integer, Deque<Open>> e : open.entrySet()) {
            for (Open o : e.getValue()) {
                String reason = "mention of cluster " + e.getKey() + " opened at line " + o.line()
                        + " is never closed before the end of the document (line " + line + ")";
                if (!lenient) {
                    throw new CorpusFormatException(source, o.line(), reason + "; unbalanced brackets");
                }
                warnings.accept(source + ":" + o.line() + ": " + reason + "; dropped");
            }
        }
        open.clear();
    }

    /**
     * Clusters of {@code doc} in order of the first appearance of their id in the input (the order in which the
     * reference scorer numbers entities), duplicates (same span, same cluster) removed.
     */
    List<Cluster> clusters(Document doc) {
        Map<Integer, List<Mention>> byId = new LinkedHashMap<>();
        for (Integer id : firstSeen.keySet()) {
            byId.put(id, new ArrayList<>());
        }
        for (PendingMention p : mentions) {
            List<Mention> list = byId.computeIfAbsent(p.clusterId(), k -> new ArrayList<>());
            Mention m = doc.mention(p.tokenStart(), p.tokenEnd());
            if (list.stream().noneMatch(x -> x.sameSpan(m))) {
                list.add(m);
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Map.Entry<Integer, List<Mention>> e : byId.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue; // every mention of this id was dropped as unbalanced
            }
            clusters.add(new Cluster(e.getKey(), e.getValue()));
        }
        return clusters;
    }
}
