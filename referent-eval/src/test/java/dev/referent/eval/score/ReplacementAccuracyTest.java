package dev.referent.eval.score;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.Rewriter;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplacementAccuracyTest {

    private static final RewriteOptions ALL_CANDIDATES = RewriteOptions.defaults().withMinConfidence(0);

    /** A document whose clusters are given as lists of mention texts (each text's first unused occurrence). */
    static Document doc(String text, List<List<String>> clusters) {
        Document d = new TextAnalyzer().analyze("t", text);
        List<Cluster> out = new ArrayList<>();
        for (List<String> words : clusters) {
            List<Mention> mentions = new ArrayList<>();
            int from = 0;
            for (String w : words) {
                int start = text.indexOf(w, from);
                from = start + w.length();
                mentions.add(d.mention(d.tokenAt(start), d.tokenAt(start + w.length() - 1) + 1));
            }
            out.add(new Cluster(out.size(), mentions));
        }
        return d.withClusters(out);
    }

    @Test
    void judgesEachReplacementAgainstTheGoldEntity() {
        String text = "Maria Lopez met John Park at the bank. He thanked her. It helped.";
        Document gold = doc(text, List.of(List.of("Maria Lopez", "her"), List.of("John Park", "He")));
        Document predicted = doc(text, List.of(List.of("Maria Lopez", "her"), List.of("the bank", "It")));
        ReplacementAccuracy accuracy = new ReplacementAccuracy();
        List<ReplacementAccuracy.Judged> judged = accuracy.add(gold, new Rewriter().rewrite(predicted, ALL_CANDIDATES));
        assertEquals(2, judged.size());
        ReplacementAccuracy.Counts total = accuracy.total();
        assertEquals(2, total.replacements());
        assertEquals(1, total.right()); // her -> Maria Lopez
        assertEquals(2, total.replaceable()); // He and her: their entities have names
        assertEquals(1, total.rightlyReplaced());
        assertEquals(0.5, total.precision());
        assertEquals(0.5, total.recall());
        assertEquals(Map.of(ReplacementAccuracy.Error.NOT_A_GOLD_MENTION, 1), accuracy.errors()); // It -> the bank
        assertEquals(2, accuracy.byRule("pronoun").replacements()); // "her" before a full stop is an object
        assertEquals(0, accuracy.byRule("possessive").replacements());
    }

    @Test
    void tellsAWrongRepresentativeFromAWrongCluster() {
        // names on no first-name list, so that agreement lets every replacement through
        String text = "Acme Corp hired the engineer. He agreed. Qarth Hale met Sue Bell and she smiled.";
        Document gold = doc(text, List.of(List.of("the engineer", "He"), List.of("Sue Bell", "she")));
        // one cluster holds the right description but is represented by a name; the other holds no right mention
        Document predicted = doc(text, List.of(List.of("Acme Corp", "the engineer", "He"), List.of("Qarth Hale", "she")));
        ReplacementAccuracy accuracy = new ReplacementAccuracy();
        accuracy.add(gold, new Rewriter().rewrite(predicted, ALL_CANDIDATES));
        assertEquals(Map.of(ReplacementAccuracy.Error.REPRESENTATIVE, 1, ReplacementAccuracy.Error.ENTITY, 1),
                accuracy.errors());
        assertEquals(0, accuracy.total().right());
    }

    @Test
    void judgedReplacementsKeepTheirConfidence() {
        String text = "Maria Lopez met John Park. He thanked her.";
        Document gold = doc(text, List.of(List.of("Maria Lopez", "her"), List.of("John Park", "He")));
        Document predicted = doc(text, List.of(List.of("Maria Lopez", "her"), List.of("John Park", "He")));
        ReplacementAccuracy accuracy = new ReplacementAccuracy();
        accuracy.add(gold, new Rewriter().rewrite(predicted,
                (d, cluster, mention, rep) -> mention.text().equals("He") ? 0.3 : 0.9, ALL_CANDIDATES));
        assertEquals(List.of(0.3, 0.9), accuracy.judged().stream().map(j -> j.replacement().confidence()).toList());
        assertTrue(accuracy.judged().stream().allMatch(ReplacementAccuracy.Judged::right));
        assertFalse(accuracy.judged().isEmpty());
    }
}
