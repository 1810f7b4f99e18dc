package dev.referent.rewrite;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.text.TextAnalyzer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test documents with gold clusters written inline: "[John Kelly|1] said [he|1] would go." Brackets nest; the
 * number after '|' is the cluster id. Mentions must cover whole tokens.
 */
final class Markup {

    private Markup() {
    }

    static Document parse(String marked) {
        StringBuilder text = new StringBuilder();
        Deque<Integer> open = new ArrayDeque<>();
        List<int[]> spans = new ArrayList<>(); // start, end, cluster
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == '[') {
                open.push(text.length());
            } else if (c == '|' && !open.isEmpty()) {
                int j = marked.indexOf(']', i);
                int cluster = Integer.parseInt(marked.substring(i + 1, j));
                spans.add(new int[] {open.pop(), text.length(), cluster});
                i = j;
            } else {
                text.append(c);
            }
        }
        Document doc = new TextAnalyzer().analyze("test", text.toString());
        Map<Integer, List<Mention>> clusters = new LinkedHashMap<>();
        for (int[] s : spans) {
            int first = doc.tokenAt(s[0]);
            int last = doc.tokenAt(s[1] - 1);
            if (first < 0 || last < 0 || doc.token(first).start() != s[0] || doc.token(last).end() != s[1]) {
                throw new IllegalArgumentException("mention '" + text.substring(s[0], s[1]) + "' does not cover whole tokens");
            }
            clusters.computeIfAbsent(s[2], k -> new ArrayList<>()).add(doc.mention(first, last + 1));
        }
        List<Cluster> list = new ArrayList<>();
        clusters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> list.add(new Cluster(e.getKey(), e.getValue())));
        return doc.withClusters(list);
    }
}
