package dev.referent.format;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Sentence;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes documents and their clusters in the CoNLL-2012 layout the official scorer reads: one token per line with
 * the document name, part, token index within the sentence, word, and the coreference column last; a blank line
 * after each sentence; numeric cluster ids; {@code #begin document} / {@code #end document} around each document.
 * A document read by a CoNLL reader keeps its original header line, so its output matches the key by name.
 */
public final class ConllWriter {

    /** Metadata key under which a reader keeps the original "#begin document" line. */
    public static final String HEADER = "conll.header";

    public void write(List<Document> documents, Writer out) throws IOException {
        Set<String> names = new HashSet<>();
        for (Document doc : documents) {
            if (!names.add(doc.id())) {
                throw new IllegalArgumentException("duplicate document name '" + doc.id() + "': the scorer needs unique names");
            }
            write(doc, out);
        }
        out.flush();
    }

    public void write(Document doc, Writer out) throws IOException {
        String header = doc.metadata().get(HEADER);
        if (header == null) {
            header = "#begin document (" + doc.id() + "); part 000";
        }
        out.write(header);
        out.write('\n');
        String[] cells = corefColumn(doc);
        String name = doc.id().replaceAll("\\s", "_");
        for (Sentence s : doc.sentences()) {
            for (int t = s.tokenStart(); t < s.tokenEnd(); t++) {
                String word = doc.token(t).text().replaceAll("\\s", "_");
                out.write(name + "\t0\t" + (t - s.tokenStart()) + "\t" + (word.isEmpty() ? "_" : word) + "\t" + cells[t] + "\n");
            }
            out.write('\n');
        }
        out.write("#end document\n");
    }

    /** The coreference cell of every token ("-" when empty), with brackets nested correctly. */
    public static String[] corefColumn(Document doc) {
        int n = doc.size();
        List<List<String>> opens = new ArrayList<>();
        List<List<String>> closes = new ArrayList<>();
        List<List<String>> singles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opens.add(new ArrayList<>());
            closes.add(new ArrayList<>());
            singles.add(new ArrayList<>());
        }
        record Item(int id, Mention m) {
        }
        List<Item> items = new ArrayList<>();
        for (Cluster c : doc.clusters()) {
            if (c.id() < 0) {
                throw new IllegalArgumentException("cluster ids must be non-negative for the scorer: " + c.id());
            }
            for (Mention m : c.mentions()) {
                items.add(new Item(c.id(), m));
            }
        }
        // Opening brackets: outer (longer) mentions first; closing brackets: inner (shorter) first.
        items.sort(Comparator.comparingInt((Item it) -> it.m().tokenStart())
                .thenComparing(it -> -it.m().tokenEnd()).thenComparingInt(Item::id));
        for (Item it : items) {
            if (it.m().size() == 1) {
                singles.get(it.m().tokenStart()).add("(" + it.id() + ")");
            } else {
                opens.get(it.m().tokenStart()).add("(" + it.id());
            }
        }
        items.sort(Comparator.comparingInt((Item it) -> it.m().tokenEnd())
                .thenComparing(it -> -it.m().tokenStart()).thenComparingInt(Item::id));
        for (Item it : items) {
            if (it.m().size() > 1) {
                closes.get(it.m().tokenEnd() - 1).add(it.id() + ")");
            }
        }
        String[] cells = new String[n];
        for (int i = 0; i < n; i++) {
            List<String> parts = new ArrayList<>(opens.get(i));
            parts.addAll(singles.get(i));
            parts.addAll(closes.get(i));
            cells[i] = parts.isEmpty() ? "-" : String.join("|", parts);
        }
        return cells;
    }
}
