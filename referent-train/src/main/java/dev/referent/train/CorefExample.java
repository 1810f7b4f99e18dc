package dev.referent.train;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.SyntaxHead;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One training document at word level, with the cached encoder output. A fully annotated document (OntoGUM, LitBank)
 * gives the gold cluster of every head word (or -1), the (head, start, end) of every gold mention for the span
 * predictor and gold POS tags. A partially annotated one (GAP) gives only {@link #links}: for a pronoun, whether it
 * refers to a given name; its other words carry no label (cluster -1 there means "unknown", not "no antecedent").
 */
public record CorefExample(Document doc, int[] wordCluster, List<int[]> spans, String[] xpos,
                           WordEncoder.Encoded encoded, List<NameLink> links, SyntaxHead.Analysis syntax) {

    /**
     * A partial label: whether the pronoun word refers to the entity of the name whose words are {@code name}
     * (word indices, any of them before or after the pronoun).
     */
    public record NameLink(int pronoun, int[] name, boolean coref) {
    }

    public static CorefExample of(Document doc, WordEncoder.Encoded encoded) {
        int n = doc.size();
        int[] wordCluster = new int[n];
        Arrays.fill(wordCluster, -1);
        List<int[]> spans = new ArrayList<>();
        boolean[] spanTaken = new boolean[n];
        for (int c = 0; c < doc.clusters().size(); c++) {
            Cluster cluster = doc.clusters().get(c);
            for (Mention m : cluster.mentions()) {
                int h = m.head();
                if (wordCluster[h] == -1) {
                    wordCluster[h] = c; // a head word shared by two clusters keeps the first
                }
                if (!spanTaken[h] && wordCluster[h] == c) {
                    spanTaken[h] = true;
                    spans.add(new int[] {h, m.tokenStart(), m.tokenEnd() - 1});
                }
            }
        }
        String[] xpos = new String[n];
        for (int i = 0; i < n; i++) {
            xpos[i] = doc.token(i).xpos();
        }
        return new CorefExample(doc, wordCluster, spans, xpos, encoded, List.of(), null);
    }

    /** A document whose only labels are pronoun-name links (no clusters, spans or tags). */
    public static CorefExample partial(Document doc, List<NameLink> links, WordEncoder.Encoded encoded) {
        int[] unknown = new int[doc.size()];
        Arrays.fill(unknown, -1);
        return new CorefExample(doc, unknown, List.of(), new String[doc.size()], encoded, List.copyOf(links), null);
    }

    /** Whether only {@link #links} label this document. */
    public boolean isPartial() {
        return !links.isEmpty();
    }

    public CorefExample withEncoded(WordEncoder.Encoded replaced) {
        return new CorefExample(doc, wordCluster, spans, xpos, replaced, links, syntax);
    }

    /** The same document with the syntax head's analysis of it (the pair features' syntax part reads it). */
    public CorefExample withSyntax(SyntaxHead.Analysis analysis) {
        return new CorefExample(doc, wordCluster, spans, xpos, encoded, links, analysis);
    }

    public int size() {
        return doc.size();
    }
}
