package dev.referent.eval.io;

import dev.referent.doc.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the shared corpora live: the system property {@code referent.data}, else the environment variable
 * {@code REFERENT_DATA}, else {@value #DEFAULT} beside the checkout (resolved against {@link ProjectHome}, not the
 * working directory, so that the tools find the corpora when run from anywhere). A relative value of the property or
 * the variable is the user's own and stays relative to the working directory.
 */
public final class DataPaths {

    public static final String PROPERTY = "referent.data";
    public static final String ENVIRONMENT = "REFERENT_DATA";
    public static final String DEFAULT = "../shared/data";

    private DataPaths() {
    }

    public static Path dataDir() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured == null || configured.isBlank()) {
            return ProjectHome.resolve(DEFAULT);
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** Document names of an OntoGUM/GUM split (train, dev, test, test2), from {@code ontogum/splits/<split>.txt}. */
    public static List<String> ontogumSplit(Path dataDir, String split) {
        Path list = dataDir.resolve("ontogum/splits/" + split.toLowerCase(Locale.ROOT) + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException("no OntoGUM split '" + split + "' (expected " + list + ")");
        }
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The OntoGUM CoNLL-U documents of a split, in the split list's order, read by {@code reader} (strict or
     * lenient as the caller needs).
     */
    public static List<Document> readOntogumSplit(Path dataDir, String split, ConlluReader reader) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (String name : ontogumSplit(dataDir, split)) {
            docs.addAll(reader.read(ontogumConllu(dataDir, name)));
        }
        return docs;
    }

    /** Whether an OntoGUM/GUM document is a news article (the genre reported on its own). */
    public static boolean isNews(String docName) {
        return docName.startsWith("GUM_news_");
    }

    /** The GAP file of a split ({@code development}, {@code validation}, or any {@code gap-<split>.tsv}). */
    public static Path gap(Path dataDir, String split) {
        return dataDir.resolve("gap/gap-" + split + ".tsv");
    }

    /** The OntoGUM CoNLL-U file of a document. */
    public static Path ontogumConllu(Path dataDir, String docName) {
        return dataDir.resolve("ontogum/coref/ontogum/conllu/" + docName + ".conllu");
    }

    /** The scorer-ready OntoGUM key of a split. */
    public static Path ontogumKey(Path dataDir, String split) {
        return dataDir.resolve("ontogum/derived/scorer_ready/ontogum_" + split.toLowerCase(Locale.ROOT) + ".conll");
    }
}
