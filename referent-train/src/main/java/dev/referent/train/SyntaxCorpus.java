package dev.referent.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GUM's Universal Dependencies documents ({@code gum/dep/*.conllu}) as the syntax head's training data: the
 * syntactic words (multi-word token lines and empty nodes are skipped, as {@code ConlluReader} does), sentence ends,
 * each word's head and relation, the UD features the head predicts, and {@code Entity}: the GUM entity type of the
 * mention a word heads (the mention's first word whose head lies outside it; "_" for a word heading none).
 */
public final class SyntaxCorpus {

    /** The UD features the syntax head predicts, and the entity type as one more attribute. */
    public static final List<String> ATTRIBUTES = List.of("Number", "Gender", "Person", "PronType", "Reflex", "Poss",
            "Entity");

    /** An opening ("(id-type-..." with an optional ")") or a closing ("id)") in a CorefUD Entity value. */
    private static final Pattern BRACKET = Pattern.compile("\\(([^()]+)(\\))?|([^()]+)\\)");

    /**
     * One document: {@code head} a document index or -1 (the root), attribute values "_" where a word has none.
     */
    public record Doc(String name, List<String> words, int[] sentenceEnds, int[] head, String[] relation,
                      Map<String, String[]> attributes) {
        public int size() {
            return words.size();
        }
    }

    private SyntaxCorpus() {
    }

    /** The documents of GUM split {@code split} (train, dev, test, test2), from {@code gum/splits/<split>.txt}. */
    public static List<Doc> split(Path dataDir, String split, int limit) throws IOException {
        Path list = dataDir.resolve("gum/splits/" + split.toLowerCase(Locale.ROOT) + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException("no GUM split '" + split + "' (expected " + list + ")");
        }
        List<Doc> docs = new ArrayList<>();
        for (String name : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (!name.isBlank() && docs.size() < limit) {
                docs.add(read(dataDir.resolve("gum/dep/" + name.strip() + ".conllu")));
            }
        }
        return docs;
    }

    /**
     * The fold (0 to {@code folds - 1}) of the document named {@code name}: the same for a GUM document and its
     * OntoGUM twin (they share the name), so a syntax head trained without fold k analyses the coreference training
     * documents of fold k as it analyses unseen text ({@code syntax_fold}, {@code syntax_fold_models}).
     */
    public static int fold(String name, int folds) {
        return Math.floorMod(name.hashCode(), folds);
    }

    /**
     * The fold and fold count of a {@code syntax_fold} value "k/K" (k from 1): {fold index, K}; empty: {-1, 1}.
     */
    public static int[] parseFold(String value) {
        if (value.isBlank()) {
            return new int[] {-1, 1};
        }
        String[] parts = value.strip().split("/");
        try {
            int k = Integer.parseInt(parts[0].strip());
            int folds = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : -1;
            if (parts.length == 2 && folds >= 2 && k >= 1 && k <= folds) {
                return new int[] {k - 1, folds};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("syntax_fold must be k/K with 1 <= k <= K and K >= 2, not '" + value + "'");
    }

    /** One CoNLL-U file holding one document. */
    public static Doc read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), file.getFileName().toString().replaceFirst("\\.conllu$", ""));
        }
    }

    static Doc read(BufferedReader in, String source, String name) throws IOException {
        List<String> words = new ArrayList<>();
        List<Integer> sentenceEnds = new ArrayList<>();
        List<Integer> heads = new ArrayList<>();
        List<String> relations = new ArrayList<>();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        ATTRIBUTES.forEach(a -> attributes.put(a, new ArrayList<>()));
        // entity id -> (first word, type) of its mentions not yet closed, innermost last (a mention may nest in one
        // of the same entity)
        Map<String, java.util.ArrayDeque<Object[]>> open = new LinkedHashMap<>();
        List<int[]> mentions = new ArrayList<>(); // [first, last] word of each mention
        List<String> mentionTypes = new ArrayList<>();
        int sentenceStart = 0;
        long lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                if (words.size() > sentenceStart) {
                    sentenceEnds.add(words.size());
                    sentenceStart = words.size();
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 10) {
                throw new IOException(source + ": line " + lineNo + ": expected 10 columns, found " + cols.length);
            }
            if (cols[0].contains("-") || cols[0].contains(".")) {
                continue;
            }
            int word = words.size();
            words.add(cols[1]);
            int head;
            try {
                head = Integer.parseInt(cols[6]);
            } catch (NumberFormatException e) {
                throw new IOException(source + ": line " + lineNo + ": head '" + cols[6] + "' is not a number", e);
            }
            heads.add(head == 0 ? -1 : sentenceStart + head - 1);
            relations.add(cols[7]);
            Map<String, String> feats = feats(cols[5]);
            for (String a : ATTRIBUTES) {
                if (!a.equals("Entity")) {
                    attributes.get(a).add(feats.getOrDefault(a, "_"));
                }
            }
            attributes.get("Entity").add("_");
            String entity = misc(cols[9], "Entity");
            if (entity != null) {
                Matcher m = BRACKET.matcher(entity);
                while (m.find()) {
                    if (m.group(1) != null) {
                        String[] parts = m.group(1).split("-");
                        String type = parts.length > 1 ? parts[1] : "_";
                        if (m.group(2) != null) {
                            mentions.add(new int[] {word, word});
                            mentionTypes.add(type);
                        } else {
                            open.computeIfAbsent(parts[0], id -> new java.util.ArrayDeque<>()).push(new Object[] {word, type});
                        }
                    } else {
                        String id = m.group(3);
                        java.util.ArrayDeque<Object[]> stack = open.get(id);
                        if (stack == null || stack.isEmpty()) {
                            throw new IOException(source + ": line " + lineNo + ": entity " + id + " closes but never opened");
                        }
                        Object[] first = stack.pop();
                        mentions.add(new int[] {(Integer) first[0], word});
                        mentionTypes.add((String) first[1]);
                    }
                }
            }
        }
        if (words.size() > sentenceStart) {
            sentenceEnds.add(words.size());
        }
        int n = words.size();
        int[] head = heads.stream().mapToInt(Integer::intValue).toArray();
        String[] entityType = attributes.get("Entity").toArray(new String[0]);
        for (int k = 0; k < mentions.size(); k++) {
            int[] span = mentions.get(k);
            for (int t = span[0]; t <= span[1]; t++) {
                if (head[t] < span[0] || head[t] > span[1]) {
                    if (entityType[t].equals("_")) {
                        entityType[t] = mentionTypes.get(k);
                    }
                    break;
                }
            }
        }
        Map<String, String[]> attrs = new LinkedHashMap<>();
        for (String a : ATTRIBUTES) {
            attrs.put(a, a.equals("Entity") ? entityType : attributes.get(a).toArray(new String[0]));
        }
        return new Doc(name, List.copyOf(words), sentenceEnds.stream().mapToInt(Integer::intValue).toArray(), head,
                relations.toArray(new String[0]), attrs);
    }

    private static Map<String, String> feats(String column) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!column.equals("_")) {
            for (String kv : column.split("\\|")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static String misc(String column, String key) {
        for (String kv : column.split("\\|")) {
            if (kv.startsWith(key + "=")) {
                return kv.substring(key.length() + 1);
            }
        }
        return null;
    }
}
