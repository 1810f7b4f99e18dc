package dev.referent.eval.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads GAP TSV files (ID, Text, Pronoun, Pronoun-offset, A, A-offset, A-coref, B, B-offset, B-coref, URL) and checks
 * that every offset points at its string in the text.
 */
public final class GapReader {

    private static final String[] HEADER = {"ID", "Text", "Pronoun", "Pronoun-offset", "A", "A-offset", "A-coref",
            "B", "B-offset", "B-coref", "URL"};

    public List<GapExample> read(Path file) throws IOException {
        List<GapExample> examples = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(Utf8Files.read(file)))) {
            String line = in.readLine();
            long lineNo = 1;
            if (line == null) {
                throw new CorpusFormatException(file, 1, "empty file, expected a GAP header");
            }
            String[] header = line.split("\t", -1);
            if (header.length < 10 || !header[0].equals(HEADER[0]) || !header[1].equals(HEADER[1])) {
                throw new CorpusFormatException(file, 1, "not a GAP header: " + line);
            }
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                examples.add(parse(file, lineNo, line));
            }
        }
        return examples;
    }

    private static GapExample parse(Path file, long lineNo, String line) {
        String[] c = line.split("\t", -1);
        if (c.length < 10) {
            throw new CorpusFormatException(file, lineNo, "expected 11 tab-separated columns, found " + c.length);
        }
        String text = c[1];
        int p = offset(file, lineNo, c[3], "Pronoun-offset");
        int a = offset(file, lineNo, c[5], "A-offset");
        int b = offset(file, lineNo, c[8], "B-offset");
        check(file, lineNo, text, c[2], p, "pronoun");
        check(file, lineNo, text, c[4], a, "A");
        check(file, lineNo, text, c[7], b, "B");
        return new GapExample(c[0], text, c[2], p, c[4], a, bool(file, lineNo, c[6], "A-coref"), c[7], b,
                bool(file, lineNo, c[9], "B-coref"), c.length > 10 ? c[10] : "");
    }

    private static int offset(Path file, long lineNo, String value, String column) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CorpusFormatException(file, lineNo, column + " is not a number: '" + value + "'");
        }
    }

    private static boolean bool(Path file, long lineNo, String value, String column) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new CorpusFormatException(file, lineNo, column + " must be TRUE or FALSE, found '" + value + "'");
    }

    private static void check(Path file, long lineNo, String text, String word, int offset, String what) {
        if (offset < 0 || !text.startsWith(word, offset)) {
            throw new CorpusFormatException(file, lineNo, what + " '" + word + "' is not at offset " + offset + " of the text");
        }
    }
}
