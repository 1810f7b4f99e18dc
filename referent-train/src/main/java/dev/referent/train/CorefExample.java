package dev.referent.train;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.model.WordEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One training document at word level: gold cluster of every head word (or -1), the (head, start, end) of every
 * gold mention for the span predictor, gold POS tags, and the cached encoder output.
 */
public record CorefExample(Document doc, int[] wordCluster, List<int[]> spans, String[] xpos, WordEncoder.Encoded encoded) {

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
        return new CorefExample(doc, wordCluster, spans, xpos, encoded);
    }

    public int size() {
        return doc.size();
    }
}
