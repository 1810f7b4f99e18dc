package dev.referent.rewrite;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.MentionType;
import dev.referent.doc.Pronoun;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes resolved text: the document with references replaced by their entity's representative, every other
 * character kept exactly. Possessives become "X's" (or "X'" after a plural in s, with the text's own apostrophe),
 * sentence-initial capitalisation is kept, quotations stay verbatim unless asked otherwise, and of overlapping
 * candidates only the outermost is rewritten. Thread-safe and stateless.
 */
public final class Rewriter {

    private static final Set<String> DEFINITE = Set.of("the", "this", "that", "these", "those");

    /** Words after "her" that show it is an object ("saw her yesterday"), not a possessive ("her book"). */
    private static final Set<String> NOT_A_NOUN_AFTER_HER = Set.of("to", "and", "or", "but", "that", "the", "a", "an",
            "in", "on", "at", "for", "with", "from", "by", "of", "as", "if", "when", "about", "into", "out", "up", "down",
            "off", "over", "back", "again", "yesterday", "today", "tomorrow", "now", "then", "there", "here", "so",
            "too", "very", "well", "first", "last", "because", "before", "after", "while", "himself", "herself", "this",
            "his", "their", "its", "her", "him", "them", "is", "was", "be", "not", "all", "both", "away", "once");

    /** The outcome: resolved text and what was replaced. */
    public record Result(Document document, String text, List<Replacement> replacements,
                         Map<Integer, Representative> representatives) {
    }

    /** Rewrites, judging each replacement by its mention's link confidence (missing: 1.0, as for gold clusters). */
    public Result rewrite(Document doc, RewriteOptions options) {
        return rewrite(doc, ReplacementConfidence.linkConfidence(), options);
    }

    /** Rewrites, judging each replacement by {@code confidence} against {@link RewriteOptions#minConfidence()}. */
    public Result rewrite(Document doc, ReplacementConfidence confidence, RewriteOptions options) {
        RepresentativeSelector selector = new RepresentativeSelector(doc, options);
        char apostrophe = apostropheStyle(doc.text());
        Map<Integer, Representative> representatives = new LinkedHashMap<>();
        List<Replacement> candidates = new ArrayList<>();
        for (Cluster cluster : doc.clusters()) {
            Optional<Representative> found = selector.select(cluster);
            if (found.isEmpty()) {
                continue;
            }
            Representative entity = found.get();
            representatives.put(cluster.id(), entity);
            for (Mention m : cluster.mentions()) {
                if (m.overlaps(entity.mention())) {
                    continue;
                }
                Representative rep = selector.forMention(cluster, m, entity);
                if (m.overlaps(rep.mention())) {
                    continue;
                }
                if (!options.insideQuotes() && doc.quoteOf(m.tokenStart()).isPresent()) {
                    continue;
                }
                String rule = rule(doc, m, selector, options);
                if (rule == null) {
                    continue;
                }
                if (!Agreement.allows(doc, cluster, m, rep)) {
                    continue; // a pronoun the representative cannot stand for is left as written
                }
                if (Pleonastic.isPleonastic(doc, m)) {
                    continue; // "it's important that ...": no entity to name
                }
                double conf = confidence.of(doc, cluster, m, rep);
                if (conf < options.minConfidence()) {
                    continue;
                }
                boolean possessive = rule.equals("possessive") || possessiveMention(doc, m);
                String text = possessive ? possessive(rep, apostrophe) : rep.text();
                text = capitalise(doc, m, text, rep);
                if (text.equals(m.text()) || stripPossessive(m, doc).equalsIgnoreCase(rep.text())) {
                    continue; // never replaced by itself
                }
                candidates.add(new Replacement(m.start(), m.end(), m.text(), text, cluster.id(), rule, conf, -1, -1,
                        rep.mention()));
            }
        }
        List<Replacement> accepted = outermost(candidates);
        StringBuilder out = new StringBuilder(doc.text().length() + 64);
        List<Replacement> placed = new ArrayList<>(accepted.size());
        int previous = 0;
        for (Replacement r : accepted) {
            out.append(doc.text(), previous, r.start());
            int outStart = out.length();
            out.append(r.replacement());
            placed.add(new Replacement(r.start(), r.end(), r.original(), r.replacement(), r.clusterId(), r.rule(),
                    r.confidence(), outStart, out.length(), r.source()));
            previous = r.end();
        }
        out.append(doc.text(), previous, doc.text().length());
        return new Result(doc, out.toString(), placed, representatives);
    }

    /** The rewriting rule that applies to {@code m}, or null if it stays as it is. */
    private static String rule(Document doc, Mention m, RepresentativeSelector selector, RewriteOptions options) {
        if (m.size() == 1) {
            Optional<Pronoun> p = Pronoun.of(m.text());
            if (p.isPresent()) {
                Pronoun pronoun = p.get();
                if (!pronoun.isThirdPerson() || pronoun.isReflexive() && !options.reflexives()) {
                    return null;
                }
                return isPossessive(doc, m.tokenStart(), pronoun) ? "possessive" : "pronoun";
            }
        }
        if (RepresentativeSelector.isPronoun(m)) {
            return null; // "one", "who" and other pronouns outside the lexicon
        }
        if (options.replace() == RewriteOptions.Replace.PRONOUNS) {
            return null;
        }
        boolean proper = selector.isProper(m);
        String first = doc.token(m.tokenStart()).text().toLowerCase(Locale.ROOT);
        if (DEFINITE.contains(first) && m.type() != MentionType.PRONOUN) {
            return "nominal"; // definite descriptions, titles included: "the department", "the President"
        }
        if (options.replace() == RewriteOptions.Replace.ALL && proper) {
            return "name";
        }
        return null;
    }

    /** his, its, their(s), hers, and "her" when it determines a noun. */
    static boolean isPossessive(Document doc, int token, Pronoun p) {
        switch (p.form()) {
            case POSSESSIVE_DETERMINER, POSSESSIVE_PRONOUN, POSSESSIVE_AMBIGUOUS:
                return true;
            case OBJECT_OR_POSSESSIVE: {
                Token t = doc.token(token);
                if (t.xpos() != null) {
                    return t.xpos().equals("PRP$");
                }
                if (token + 1 >= doc.size() || doc.sentenceIndexOf(token + 1) != doc.sentenceIndexOf(token)) {
                    return false;
                }
                String next = doc.token(token + 1).text();
                boolean word = !next.isEmpty() && Character.isLetterOrDigit(next.codePointAt(0));
                return word && !NOT_A_NOUN_AFTER_HER.contains(next.toLowerCase(Locale.ROOT)) && !next.endsWith("ly");
            }
            default:
                return false;
        }
    }

    /** A non-pronoun mention ending in 's ("the department's"). */
    private static boolean possessiveMention(Document doc, Mention m) {
        return m.size() > 1 && RepresentativeSelector.isPossessiveMarker(doc.token(m.tokenEnd() - 1).text());
    }

    private static String stripPossessive(Mention m, Document doc) {
        if (possessiveMention(doc, m)) {
            return doc.text(m.start(), doc.token(m.tokenEnd() - 2).end());
        }
        return m.text();
    }

    static String possessive(Representative rep, char apostrophe) {
        String t = rep.text();
        if (rep.plural() && (t.endsWith("s") || t.endsWith("S"))) {
            return t + apostrophe;
        }
        return t + apostrophe + "s";
    }

    /** ’ when the text writes its possessives and contractions with it more often than with '. */
    static char apostropheStyle(String text) {
        int curly = 0;
        int straight = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '’' || c == '\'') && Character.isLetter(text.charAt(i - 1))) {
                if (c == '’') {
                    curly++;
                } else {
                    straight++;
                }
            }
        }
        return curly > straight ? '’' : '\'';
    }

    /** Upper-case at the start of a sentence; lower-case a determiner that was upper-case only by position. */
    private static String capitalise(Document doc, Mention m, String text, Representative rep) {
        if (text.isEmpty()) {
            return text;
        }
        if (sentenceInitial(doc, m.tokenStart())) {
            return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        }
        if (rep.lowerCaseMidSentence()) {
            return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }

    /** First word of its sentence, ignoring opening quotes and brackets. */
    static boolean sentenceInitial(Document doc, int token) {
        Sentence s = doc.sentenceOf(token);
        for (int i = s.tokenStart(); i < token; i++) {
            String w = doc.token(i).text();
            if (!(w.equals("\"") || w.equals("“") || w.equals("‘") || w.equals("'") || w.equals("(") || w.equals("[")
                    || w.equals("—") || w.equals("-") || w.equals("–"))) {
                return false;
            }
        }
        return true;
    }

    /** Of overlapping candidates, the longest (outermost) wins; ties go to the earlier. */
    private static List<Replacement> outermost(List<Replacement> candidates) {
        List<Replacement> bySize = new ArrayList<>(candidates);
        bySize.sort(Comparator.comparingInt((Replacement r) -> r.end() - r.start()).reversed()
                .thenComparingInt(Replacement::start));
        List<Replacement> accepted = new ArrayList<>();
        for (Replacement r : bySize) {
            boolean clash = false;
            for (Replacement a : accepted) {
                if (r.start() < a.end() && a.start() < r.end()) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                accepted.add(r);
            }
        }
        accepted.sort(Comparator.comparingInt(Replacement::start));
        return accepted;
    }
}
