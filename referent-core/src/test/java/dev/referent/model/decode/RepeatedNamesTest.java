package dev.referent.model.decode;

import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RepeatedNamesTest {

    private static final Set<String> NAME_WORDS = Set.of("Professor", "Cres", "Eastman", "Miss", "Mary", "Chaworth",
            "Coron", "Busuanga", "Island", "Ann", "Tom", "Smith", "Justice", "Defense", "Department");

    @Test
    void joinsARepeatedNameItsEndingAndATitledSurnameButNotSharedLastWords() {
        Document doc = new TextAnalyzer().analyze("d", "Professor Cres Eastman spoke. Eastman left. "
                + "Miss Mary Chaworth sang. Miss Chaworth waved. Coron Island is far. Busuanga Island is near. "
                + "Ann Smith ran. Tom Smith ran. Mary Chaworth smiled. Justice Department staff met Defense Department staff.");
        boolean[] linked = new boolean[doc.size()];
        Arrays.fill(linked, true);
        assertEquals(List.of("Professor-Eastman", "Miss-Miss", "Miss-Mary"), joins(doc, linked));
    }

    @Test
    void joinsOnlyNamesTheScorersLinkedAtBothPlaces() {
        Document doc = new TextAnalyzer().analyze("d", "Cres Eastman spoke. Eastman left. Eastman slept.");
        boolean[] linked = new boolean[doc.size()];
        Arrays.fill(linked, true);
        linked[indexOf(doc, "Eastman", 1)] = false; // the second sentence's Eastman is in no cluster
        assertEquals(List.of("Cres-Eastman@7"), joinsWithPositions(doc, linked));
    }

    private static List<String> joins(Document doc, boolean[] linked) {
        List<String> out = new ArrayList<>();
        RepeatedNames.link(doc, tags(doc), linked, (a, b) -> out.add(doc.token(a).text() + "-" + doc.token(b).text()));
        return out;
    }

    private static List<String> joinsWithPositions(Document doc, boolean[] linked) {
        List<String> out = new ArrayList<>();
        RepeatedNames.link(doc, tags(doc), linked, (a, b) -> out.add(doc.token(a).text() + "-" + doc.token(b).text() + "@" + b));
        return out;
    }

    private static String[] tags(Document doc) {
        String[] xpos = new String[doc.size()];
        for (int i = 0; i < doc.size(); i++) {
            xpos[i] = NAME_WORDS.contains(doc.token(i).text()) ? "NNP" : "VBD";
        }
        return xpos;
    }

    /** The index of the {@code k}-th (0-based) token spelled {@code text}. */
    private static int indexOf(Document doc, String text, int k) {
        for (int i = 0; i < doc.size(); i++) {
            if (doc.token(i).text().equals(text) && k-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no " + text);
    }
}
