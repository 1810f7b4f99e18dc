package dev.referent.train;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;
import dev.referent.doc.WordSyntax;
import dev.referent.eval.io.ConlluReader;
import dev.referent.eval.io.CorpusFormatException;

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
 * GUM's Universal Dependencies documents ({@code gum/dep/*.conllu}) as the syntax head's training data, read by
 * {@link ConlluReader} (multi-word token lines and empty nodes skipped) with each word's columns: sentence ends,
 * each word's head and relation, the UD features the head predicts, and {@code Entity}: the GUM entity type of the
 * mention a word heads (the mention's first word whose head lies outside it; "_" for a word heading none).
 */
public final class SyntaxCorpus {

    /** The UD features the syntax head predicts, and the entity type as one more attribute. */
    public static final List<String> ATTRIBUTES = List.of("Number", "Gender", "Person", "PronType", "Reflex", "Poss",
            "Entity");

    /** An opening with its numeric id and type in a GUM Entity value: "(12-person-...". */
    private static final Pattern TYPED_OPENING = Pattern.compile("\\((\\d+)-([^-()]+)");

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
        List<String[]> columns = new ArrayList<>();
        List<Document> docs;
        try {
            docs = new ConlluReader(false, w -> { }, (token, cols) -> columns.add(cols)).read(in, source, name);
        } catch (CorpusFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (docs.size() != 1) {
            throw new IOException(source + ": expected one document, found " + docs.size());
        }
        Document doc = docs.get(0);
        int n = doc.size();
        List<String> words = new ArrayList<>(n);
        int[] head = new int[n];
        String[] relation = new String[n];
        Map<String, String[]> attributes = new LinkedHashMap<>();
        ATTRIBUTES.forEach(a -> attributes.put(a, new String[n]));
        // GUM writes the entity type with each opening ("(12-person-new-..."), the reader keeps the ids: the type
        // of the mention of entity e that starts at word w, under key (e, w)
        Map<java.util.List<Integer>, String> openingType = new java.util.HashMap<>();
        for (Token t : doc.tokens()) {
            int i = t.index();
            String[] cols = columns.get(i);
            words.add(t.text());
            head[i] = t.head();
            relation[i] = cols[7];
            Map<String, String> feats = feats(cols[5]);
            for (String a : ATTRIBUTES) {
                attributes.get(a)[i] = a.equals("Entity") ? WordSyntax.NO_VALUE : feats.getOrDefault(a, WordSyntax.NO_VALUE);
            }
            String entity = ConlluReader.miscValue(cols[9], "Entity");
            if (entity != null) {
                Matcher m = TYPED_OPENING.matcher(entity);
                while (m.find()) {
                    openingType.putIfAbsent(List.of(Integer.parseInt(m.group(1)), i), m.group(2));
                }
            }
        }
        // the entity type goes to the word that heads a mention (its first word whose head lies outside it); where
        // mentions share a head ("(Brieber 2012)": a person inside a citation), the one that closes first, the inner
        // (two entities with exactly the same span, which GUM does not have: the one the reader met first)
        record Typed(Mention mention, String type) {
        }
        List<Typed> typed = new ArrayList<>();
        for (Cluster c : doc.clusters()) {
            c.mentions().forEach(m -> typed.add(new Typed(m,
                    openingType.getOrDefault(List.of(c.id(), m.tokenStart()), WordSyntax.NO_VALUE))));
        }
        typed.sort(java.util.Comparator.<Typed>comparingInt(t -> t.mention().tokenEnd())
                .thenComparing(t -> -t.mention().tokenStart()));
        String[] types = attributes.get("Entity");
        for (Typed t : typed) {
            int h = t.mention().head();
            if (types[h].equals(WordSyntax.NO_VALUE)) {
                types[h] = t.type();
            }
        }
        int[] sentenceEnds = doc.sentences().stream().mapToInt(Sentence::tokenEnd).toArray();
        return new Doc(name, List.copyOf(words), sentenceEnds, head, relation, attributes);
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
}
