package dev.referent.train;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.eval.io.ConllReader;
import dev.referent.eval.io.ConlluReader;
import dev.referent.eval.io.DataPaths;
import dev.referent.eval.io.GapExample;
import dev.referent.eval.io.GapReader;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.text.QuoteFinder;
import dev.referent.text.TextAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Training documents: OntoGUM's splits (gold tokens, sentences, UD trees, POS, clusters), extra corpora (LitBank) and
 * GAP rows (pronoun-name labels only), with quotations marked, and their encoder output, cached on disk because the
 * encoder is frozen: it runs once per document and encoder.
 */
public final class TrainingCorpus {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingCorpus.class);

    private TrainingCorpus() {
    }

    /** The OntoGUM CoNLL-U documents of {@code split}, with quotations found as at inference time. */
    public static List<Document> documents(Path dataDir, String split) throws IOException {
        return withQuotes(DataPaths.readOntogumSplit(dataDir, split, new ConlluReader()));
    }

    /**
     * Extra training documents named in the {@code extra_train} key (comma-separated; empty for none). {@code litbank}:
     * all 100 LitBank documents (fiction; gold tokens and sentences, no trees or tags, so head words come from
     * {@link dev.referent.doc.MentionAnalysis#headOf}), singletons dropped for the OntoNotes scheme. None of them is in OntoGUM's dev or test
     * split, so selection on OntoGUM dev stays honest.
     */
    public static List<Document> extra(Path dataDir, String names) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (String name : names.split(",")) {
            switch (name.strip()) {
                case "" -> { }
                case "litbank" -> docs.addAll(litbank(dataDir));
                default -> throw new IllegalArgumentException("extra_train: unknown corpus '" + name.strip() + "' (known: litbank)");
            }
        }
        return docs;
    }

    static List<Document> litbank(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("litbank/coref/conll");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".conll")).sorted().toList();
        }
        List<Document> docs = new ArrayList<>();
        for (Path file : files) {
            for (Document d : new ConllReader().read(file)) {
                List<Cluster> kept = new ArrayList<>();
                for (Cluster c : d.clusters()) {
                    if (c.size() > 1) {
                        kept.add(new Cluster(kept.size(), c.mentions()));
                    }
                }
                docs.add(d.withClusters(kept).withId("litbank/" + d.id()));
            }
        }
        return withQuotes(docs);
    }

    /** The documents with their quotations found as at inference time. */
    private static List<Document> withQuotes(List<Document> docs) {
        QuoteFinder quotes = new QuoteFinder();
        return docs.stream().map(d -> d.withQuotes(quotes.find(d.text(), d.tokens(), d.sentences()))).toList();
    }

    /** Encodes every document, reading and filling the cache folder. */
    public static List<CorefExample> examples(List<Document> docs, WordEncoder encoder, Path cacheDir) throws IOException {
        List<WordEncoder.Encoded> encoded = encodings(docs, encoder, cacheDir);
        List<CorefExample> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            out.add(CorefExample.of(docs.get(i), encoded.get(i)));
        }
        return out;
    }

    /** A GAP row as a training document: its text analysed as at inference, and its two pronoun-name links. */
    public record GapDocument(GapExample row, Document doc, List<CorefExample.NameLink> links) {
    }

    /**
     * Rows {@code [from, to)} of GAP's {@code split} file. GAP labels only whether one pronoun refers to each of two
     * names, so these documents train the antecedent scorer through those two decisions alone
     * ({@link CorefExample#partial}). A row whose pronoun or name covers no token of its own is an error naming the
     * file and row.
     */
    public static List<GapDocument> gap(Path dataDir, String split, int from, int to) throws IOException {
        Path file = DataPaths.gap(dataDir, split);
        List<GapExample> rows = new GapReader().read(file);
        TextAnalyzer analyzer = new TextAnalyzer();
        List<GapDocument> out = new ArrayList<>();
        for (GapExample row : rows.subList(Math.min(from, rows.size()), Math.min(to, rows.size()))) {
            Document doc = analyzer.analyze("gap/" + row.id(), row.text());
            int[] pronoun = wordsOverlapping(doc, row.pronounOffset(), row.pronounEnd());
            int[] a = wordsOverlapping(doc, row.offsetA(), row.endA());
            int[] b = wordsOverlapping(doc, row.offsetB(), row.endB());
            if (pronoun.length == 0 || a.length == 0 || b.length == 0) {
                throw new IllegalArgumentException(file + ": row " + row.id() + ": the pronoun or a name covers no token");
            }
            int p = pronoun[0];
            a = without(a, p);
            b = without(b, p);
            if (a.length == 0 || b.length == 0) {
                throw new IllegalArgumentException(file + ": row " + row.id() + ": a name is the pronoun's own token");
            }
            out.add(new GapDocument(row, doc, List.of(new CorefExample.NameLink(p, a, row.corefA()),
                    new CorefExample.NameLink(p, b, row.corefB()))));
        }
        return out;
    }

    /** The GAP documents, encoded (through the cache) as partially labelled examples. */
    public static List<CorefExample> gapExamples(List<GapDocument> docs, WordEncoder encoder, Path cacheDir) throws IOException {
        List<WordEncoder.Encoded> encoded = encodings(docs.stream().map(GapDocument::doc).toList(), encoder, cacheDir);
        List<CorefExample> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            out.add(CorefExample.partial(docs.get(i).doc(), docs.get(i).links(), encoded.get(i)));
        }
        return out;
    }

    static int[] wordsOverlapping(Document doc, int start, int end) {
        return doc.tokens().stream().filter(t -> t.start() < end && start < t.end()).mapToInt(t -> t.index()).toArray();
    }

    private static int[] without(int[] words, int word) {
        return java.util.Arrays.stream(words).filter(w -> w != word).toArray();
    }

    private static List<WordEncoder.Encoded> encodings(List<Document> docs, WordEncoder encoder, Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve(encoder.spec().name() + "-" + encoderKey(encoder));
        Files.createDirectories(dir);
        List<WordEncoder.Encoded> out = new ArrayList<>(docs.size());
        long t0 = System.nanoTime();
        int computed = 0;
        for (Document d : docs) {
            Path file = dir.resolve(d.id().replaceAll("[^A-Za-z0-9_.-]", "_") + ".bin");
            WordEncoder.Encoded enc = null;
            if (Files.isRegularFile(file)) {
                enc = read(file);
                // files of older versions lack the windows' [CLS]/[SEP] vectors that layer tuning needs
                if (enc.words() != d.size() || enc.layers() != encoder.layers().length || enc.specials() == null) {
                    enc = null;
                }
            }
            if (enc == null) {
                enc = encoder.encode(d.tokens().stream().map(t -> t.text()).toList());
                write(file, enc);
                computed++;
            }
            out.add(enc);
        }
        LOG.info("encoded {} documents ({} from cache) in {} s", docs.size(), docs.size() - computed,
                (System.nanoTime() - t0) / 1_000_000_000);
        return out;
    }

    private static String encoderKey(WordEncoder encoder) {
        StringBuilder key = new StringBuilder("stride" + encoder.stride() + "-layers");
        for (int l : encoder.layers()) {
            key.append('_').append(l);
        }
        return key.toString();
    }

    static void write(Path file, WordEncoder.Encoded e) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeInt(e.words());
            out.writeInt(e.layers());
            out.writeInt(e.pieceCount());
            out.writeInt(e.hidden());
            for (int i = 0; i < e.words(); i++) {
                out.writeInt(e.wordStart()[i]);
                out.writeInt(e.wordEnd()[i]);
            }
            writeFloats(out, e.pieces());
            float[] specials = e.specials() == null ? new float[0] : e.specials();
            out.writeInt(specials.length);
            writeFloats(out, specials);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        byte[] bytes = new byte[count * 4];
        in.readFully(bytes);
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    static WordEncoder.Encoded read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int n = in.readInt();
            int layers = in.readInt();
            int pieces = in.readInt();
            int hidden = in.readInt();
            int[] start = new int[n];
            int[] end = new int[n];
            for (int i = 0; i < n; i++) {
                start[i] = in.readInt();
                end[i] = in.readInt();
            }
            float[] data = readFloats(in, layers * pieces * hidden);
            float[] specials;
            try {
                specials = readFloats(in, in.readInt());
            } catch (java.io.EOFException olderFormat) {
                specials = null; // written before the specials were kept
            }
            return new WordEncoder.Encoded(data, layers, pieces, hidden, start, end, specials);
        }
    }
}
