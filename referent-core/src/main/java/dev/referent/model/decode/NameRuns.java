package dev.referent.model.decode;

import dev.referent.doc.Document;
import dev.referent.doc.Titles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The names of a document as decoding sees them: runs of NNP/NNPS-tagged words within one sentence. */
final class NameRuns {

    private NameRuns() {
    }

    /** Each run as {@code [start, end)} token indices, in document order; {@code xpos} are the model's tags. */
    static List<int[]> of(Document doc, String[] xpos) {
        int n = doc.size();
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (!isProper(xpos[i])) {
                i++;
                continue;
            }
            int start = i;
            int sentence = doc.sentenceIndexOf(start);
            while (i < n && isProper(xpos[i]) && doc.sentenceIndexOf(i) == sentence) {
                i++;
            }
            runs.add(new int[] {start, i});
        }
        return runs;
    }

    /** Whether the run is a personal title and at least one more word ("Professor Eastman", "Mrs. Lopez"). */
    static boolean startsWithTitle(Document doc, int[] run) {
        return run[1] - run[0] >= 2 && Titles.PERSONAL.contains(doc.token(run[0]).text().toLowerCase(Locale.ROOT));
    }

    static boolean isProper(String tag) {
        return tag != null && tag.startsWith("NNP");
    }

    /** The words of tokens {@code [from, to)}, one space apart: the key by which a name's repeats are matched. */
    static String text(Document doc, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int t = from; t < to; t++) {
            b.append(t > from ? " " : "").append(doc.token(t).text());
        }
        return b.toString();
    }
}
