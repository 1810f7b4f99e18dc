package dev.referent.eval.score;

import dev.referent.doc.Document;
import dev.referent.doc.MentionType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MentionDetectionTest {

    @Test
    void countsFoundMentionsByType() {
        String text = "Ann Lee hired the engineer. He agreed and she smiled at the engineer.";
        Document gold = ReplacementAccuracyTest.doc(text, List.of(List.of("the engineer", "He", "the engineer"),
                List.of("Ann Lee", "she")));
        Document predicted = ReplacementAccuracyTest.doc(text, List.of(List.of("Ann Lee", "the engineer", "He")));
        MentionDetection.Report r = MentionDetection.score(List.of(gold), List.of(predicted));
        // {gold, predicted, found, head found, head found with the gold span, missed and repeating its entity's words}
        // the second "the engineer" missed, though it repeats the first word for word
        assertArrayEquals(new int[] {2, 1, 1, 1, 1, 1}, r.of(MentionType.NOMINAL));
        assertArrayEquals(new int[] {2, 1, 1, 1, 1, 0}, r.of(MentionType.PRONOUN)); // "she" missed
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0}, r.of(MentionType.PROPER));
        assertEquals(0.5, r.recall(MentionType.NOMINAL));
        assertEquals(1.0, r.precision(MentionType.PROPER));
    }
}
