package dev.referent.eval.io;

import dev.referent.doc.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing of the CoNLL-2012 and CoNLL-U readers (issue 19, item 5): valid files mutated at random (characters and
 * lines deleted, duplicated, swapped, replaced by the characters the formats give meaning to) and random text.
 * Each read gives documents or a {@link CorpusFormatException} naming the line and the reason, never another
 * exception (NullPointerException, IndexOutOfBoundsException, NumberFormatException...). Tries:
 * {@code jqwik.tries.default}.
 */
class ReaderPropertiesTest {

    static final String CONLL = "#begin document (nw/test); part 000\n"
            + "nw/test\t0\t0\tJohn\tNNP\t*\t-\t-\t-\tSpeaker#1\t*\t(0\n"
            + "nw/test\t0\t1\tKelly\tNNP\t*\t-\t-\t-\tSpeaker#1\t*\t0)\n"
            + "nw/test\t0\t2\tspoke\tVBD\t*\t-\t-\t-\tSpeaker#1\t*\t-\n"
            + "\n"
            + "nw/test\t0\t0\tHis\tPRP$\t*\t-\t-\t-\tSpeaker#1\t*\t(1(0)\n"
            + "nw/test\t0\t1\tdog\tNN\t*\t-\t-\t-\tSpeaker#1\t*\t1)|(2)\n"
            + "#end document\n"
            + "#begin document (gum_news_x)\n"
            + "1\tShe\t(3)\n2\tsaw\t-\n3\tthe\t(4\n4\tdog\t4)\n\n1\tIt\t(4)\n2\tran\t-\n"
            + "#end document\n";

    static final String CONLLU = """
            # newdoc id = doc1
            # meta::title = A test
            # newpar
            # text = John's dog barked.
            1-2\tJohn's\t_\t_\t_\t_\t_\t_\t_\t_
            1\tJohn\tJohn\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tEntity=(1-person-new(2-animal-new
            2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\tEntity=1)
            3\tdog\tdog\tNOUN\tNN\t_\t4\tnsubj\t_\tEntity=2)
            4\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
            5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

            # newpar
            # text = He ran.
            1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1)|Split=1<2
            2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No|Bridge=2<1
            3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

            # newdoc id = doc2
            1\tIt\tit\tPRON\tPRP\t_\t0\troot\t_\tEntity=(5-object-giv:act-1-coref-It-Wiki)
            2.1\tgone\t_\t_\t_\t_\t_\t_\t1:ref\t_

            """;

    /** The characters that mean something in the two formats. */
    private static final String SPECIAL = "\t\n()|-_=#:;<>.0123456789 *\r\u0000\uFFFD\uD800é";

    @Property
    void conllGivesDocumentsOrAFormatError(@ForAll("mutatedConll") String content, @ForAll boolean lenient) {
        readsOrFailsCleanly(() -> new ConllReader(lenient, w -> { }).read(content, "fuzz.conll"));
    }

    @Property
    void conlluGivesDocumentsOrAFormatError(@ForAll("mutatedConllu") String content, @ForAll boolean lenient) {
        readsOrFailsCleanly(() -> new ConlluReader(lenient, w -> { }).read(content, "fuzz.conllu"));
    }

    @Property
    void randomTextGivesDocumentsOrAFormatError(@ForAll("randomLines") String content) {
        readsOrFailsCleanly(() -> new ConllReader().read(content, "fuzz.conll"));
        readsOrFailsCleanly(() -> new ConlluReader().read(content, "fuzz.conllu"));
    }

    /** Found by the fuzzer: a part number past int overflowed (NumberFormatException) instead of being read. */
    @net.jqwik.api.Example
    void partNumbersOfAnyLength() throws IOException {
        List<Document> docs = new ConllReader().read("#begin document (d); part 99999999999\nd\t0\t0\tx\t-\n#end document\n",
                "fuzz.conll");
        org.junit.jupiter.api.Assertions.assertEquals("d_part99999999999", docs.get(0).id());
    }

    interface Read {
        List<Document> read() throws IOException;
    }

    static void readsOrFailsCleanly(Read read) {
        try {
            List<Document> docs = read.read();
            assertTrue(docs != null);
            Statistics.collect("documents");
        } catch (CorpusFormatException e) {
            Statistics.collect("format error");
            assertTrue(e.getMessage().matches("(?s)fuzz\\.conllu?:\\d+: .+"), "names file, line and reason: " + e.getMessage());
            assertTrue(e.line() >= 1, e.getMessage());
        } catch (IOException e) {
            throw new AssertionError("a string cannot fail to read: " + e, e);
        }
    }

    @Provide
    Arbitrary<String> mutatedConll() {
        return mutated(CONLL);
    }

    @Provide
    Arbitrary<String> mutatedConllu() {
        return mutated(CONLLU);
    }

    @Provide
    Arbitrary<String> randomLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().withChars(SPECIAL + "abcAB").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("#begin document (d); part 000", "#begin document", "#end document", "# newdoc id = x",
                        "# text = x", "# newdoc", "1\tx\t(0", "1\tx\t0)", "1-2\tab\t_", "1\tx\t_\t_\t_\t_\t0\troot\t_\tEntity=(1",
                        "1\tx\t_\t_\t_\t_\t0\troot\t_\tEntity=1)", "\t\t\t", "",
                        // numbers past int, negative and empty ids, odd token ids: where parsers overflow
                        "1\tx\t(99999999999)", "1\tx\t(-1)", "1\tx\t()", "1\tx\t(0|", "99999999999\tx\t-",
                        "d\t0\t99999999999\tx\t-", "1\tx\t_\t_\t_\t_\t99999999999\troot\t_\tEntity=(99999999999-person)",
                        "1\tx\t_\t_\t_\t_\t0\troot\t_\tEntity=(1-person-new-3-x-y-z-w)", "0\tx\t_\t_\t_\t_\t-1\troot\t_\t_",
                        "3-1\tab\t_", "1-99999999999\tab\t_", "1.1\tx\t_", "#begin document (d); part 99999999999"));
        return line.list().ofMaxSize(30).map(lines -> String.join("\n", lines));
    }

    /** {@code seed} with 1 to 8 random edits. */
    static Arbitrary<String> mutated(String seed) {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.doubles().between(0, 0.9999).ofScale(4), Arbitraries.doubles().between(0, 0.9999).ofScale(4),
                Arbitraries.strings().withChars(SPECIAL).ofMinLength(1).ofMaxLength(4)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> {
            String s = seed;
            for (Edit e : edits) {
                s = e.apply(s);
            }
            return s;
        });
    }

    record Edit(int kind, double where, double other, String chars) {
        String apply(String s) {
            if (s.isEmpty()) {
                return chars;
            }
            int at = (int) (where * s.length());
            List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
            int line = (int) (where * lines.size());
            int line2 = (int) (other * lines.size());
            return switch (kind) {
                case 0 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + (int) (other * 5)));
                case 1 -> s.substring(0, at) + chars + s.substring(at);
                case 2 -> s.substring(0, at) + chars + s.substring(Math.min(s.length(), at + chars.length()));
                case 3 -> {
                    lines.remove(line);
                    yield String.join("\n", lines);
                }
                case 4 -> {
                    lines.add(line2, lines.get(line));
                    yield String.join("\n", lines);
                }
                case 5 -> {
                    String a = lines.get(line);
                    lines.set(line, lines.get(line2));
                    lines.set(line2, a);
                    yield String.join("\n", lines);
                }
                case 6 -> s.substring(0, at);
                default -> {
                    // a field of a line replaced: numbers, brackets and entity annotations are where parsers break
                    String[] fields = lines.get(line).split("\t", -1);
                    fields[(int) (other * fields.length)] = chars;
                    lines.set(line, String.join("\t", fields));
                    yield String.join("\n", lines);
                }
            };
        }
    }
}
