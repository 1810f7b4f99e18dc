package dev.referent.rewrite;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.text.TextAnalyzer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rewriter's invariant for random clusters over random text (issue 19, item 5): every character outside the
 * replaced spans is kept, in order; each replacement's original is the input at its range and its replacement the
 * output at its output range; replacements are ordered and do not overlap. The texts mix names, pronouns
 * (possessive, reflexive, object), quotes, clitics, line breaks and odd Unicode; the clusters are random sets of
 * random token spans (nested, overlapping and crossing sentences included), with random confidences and options.
 * Tries: {@code jqwik.tries.default}.
 */
class RewriterPropertiesTest {

    private static final TextAnalyzer ANALYZER = new TextAnalyzer();

    private static final List<String> WORDS = List.of("John", "Kelly", "John Kelly", "Mary", "Ms. Lopez", "the company",
            "The President", "Apple", "the Smiths", "he", "He", "she", "She", "him", "her", "Her", "his", "His", "hers",
            "it", "It", "its", "they", "They", "them", "their", "theirs", "himself", "herself", "themselves", "itself",
            "I", "we", "you", "said", "left", "saw", "and", "of", "to", "a", "book", "'s", "’s", "n't", "Kelly's",
            "Jones'", "\"", "“", "”", "'", "‘", "’", ".", ",", "?", "!", ":", ";", "(", ")", "—", "\n", "\r\n", "\n\n",
            "U.S.", "Mr.", "100%", "\uD83D\uDE00", "\uD800", "\u0000", "é", "\u00A0", "e\u0301");

    private static final Set<String> PRONOUNS = Set.of("he", "she", "him", "her", "his", "hers", "it", "its", "they",
            "them", "their", "theirs", "himself", "herself", "themselves", "itself");

    record Case(String text, List<List<int[]>> clusters, Map<Integer, Double> confidence, RewriteOptions options) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> text = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(80).flatMap(words ->
                Arbitraries.of("", " ", " ", "  ").list().ofSize(words.size()).map(seps -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < words.size(); i++) {
                        sb.append(words.get(i)).append(seps.get(i));
                    }
                    return sb.toString();
                }));
        Arbitrary<RewriteOptions> options = Combinators.combine(
                Arbitraries.of(RewriteOptions.Replace.values()), Arbitraries.of(RewriteOptions.Representative.values()),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(0.0, 0.0, 0.5, 1.0),
                Arbitraries.integers().between(1, 8)).as(RewriteOptions::new);
        return Combinators.combine(text, Arbitraries.longs(), options).as((t, seed, o) -> {
            // clusters drawn from the seed once the number of tokens is known
            Document analysed = ANALYZER.analyze("p", t);
            int tokens = analysed.size();
            // most mentions start at a pronoun or a capitalised word, so that clusters have representatives and
            // pronouns to replace; the rest anywhere
            List<Integer> likely = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                String w = analysed.token(i).text();
                if (Character.isUpperCase(w.charAt(0)) || PRONOUNS.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                    likely.add(i);
                }
            }
            Random random = new Random(seed);
            List<List<int[]>> clusters = new ArrayList<>();
            Map<Integer, Double> confidence = new HashMap<>();
            if (tokens > 0) {
                int n = 1 + random.nextInt(4);
                for (int c = 0; c < n; c++) {
                    List<int[]> mentions = new ArrayList<>();
                    int m = 1 + random.nextInt(5);
                    for (int k = 0; k < m; k++) {
                        int start = !likely.isEmpty() && random.nextInt(10) < 7 ? likely.get(random.nextInt(likely.size()))
                                : random.nextInt(tokens);
                        int length = 1 + (random.nextInt(3) == 0 ? random.nextInt(Math.min(8, tokens - start)) : 0);
                        mentions.add(new int[] {start, Math.min(tokens, start + length)});
                        confidence.put(clusters.size() * 100 + k, random.nextDouble());
                    }
                    clusters.add(mentions);
                }
            }
            return new Case(t, clusters, confidence, o);
        });
    }

    @Property
    void everyCharacterOutsideTheReplacementsIsKept(@ForAll("cases") Case c) {
        Document plain = ANALYZER.analyze("p", c.text());
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < c.clusters().size(); i++) {
            List<Mention> mentions = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < c.clusters().get(i).size(); k++) {
                int[] span = c.clusters().get(i).get(k);
                if (seen.add(span[0] + ":" + span[1])) {
                    mentions.add(plain.mention(span[0], span[1])
                            .withLinkConfidence(c.confidence().getOrDefault(i * 100 + k, 1.0)));
                }
            }
            clusters.add(new Cluster(i, mentions));
        }
        Document doc = plain.withClusters(clusters);
        Rewriter.Result result = new Rewriter().rewrite(doc, c.options());
        Invariant.check(c.text(), result);
        int previousEnd = 0;
        int previousOutEnd = 0;
        for (Replacement r : result.replacements()) {
            assertTrue(r.start() >= previousEnd && r.start() < r.end(), r.toString());
            assertTrue(r.outputStart() >= previousOutEnd && r.outputEnd() - r.outputStart() == r.replacement().length(), r.toString());
            assertTrue(!r.replacement().isEmpty(), "a mention is never replaced by nothing: " + r);
            previousEnd = r.end();
            previousOutEnd = r.outputEnd();
        }
        int delta = 0;
        for (Replacement r : result.replacements()) {
            delta += r.replacement().length() - (r.end() - r.start());
        }
        assertEquals(c.text().length() + delta, result.text().length());
        Statistics.collect(result.replacements().isEmpty() ? "nothing replaced" : "replaced");
    }
}
