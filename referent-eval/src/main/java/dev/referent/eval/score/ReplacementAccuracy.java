package dev.referent.eval.score;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Pronoun;
import dev.referent.rewrite.Replacement;
import dev.referent.rewrite.Representative;
import dev.referent.rewrite.Rewriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reader's measure of resolved text against gold clusters on the same tokens. A replacement is <em>right</em>
 * when the replaced mention's gold entity has a non-pronoun mention that starts or ends where the representative's
 * mention does, or that has the same words as the representative; a replaced mention outside every gold entity makes
 * it wrong. <em>Replaceable</em> are the third-person pronouns whose gold entity has a non-pronoun mention; recall is
 * the share of them that were rightly replaced.
 */
public final class ReplacementAccuracy {

    /** Why a replacement is wrong, for reading the errors. */
    public enum Error {
        /** right */
        NONE,
        /** the replaced mention belongs to no gold entity (a pleonastic "it", a generic "they", a span error) */
        NOT_A_GOLD_MENTION,
        /** another mention of the predicted cluster would have named the gold entity: the representative was wrong */
        REPRESENTATIVE,
        /** no mention of the predicted cluster names the gold entity: the clustering was wrong */
        ENTITY
    }

    /** One replacement and its verdict. */
    public record Judged(String document, Replacement replacement, boolean right, boolean replaceable, Error error) {
    }

    /** Counts for all replacements or for one rule. */
    public record Counts(int replacements, int right, int replaceable, int rightlyReplaced) {

        public double precision() {
            return replacements == 0 ? 0 : (double) right / replacements;
        }

        public double recall() {
            return replaceable == 0 ? 0 : (double) rightlyReplaced / replaceable;
        }
    }

    private final List<Judged> judged = new ArrayList<>();
    private final Map<String, Integer> replaceableByRule = new TreeMap<>();
    private int replaceable;

    /** Judges the rewriter's decisions on one document against its gold twin (same text and tokens). */
    public List<Judged> add(Document gold, Rewriter.Result result) {
        Map<Long, Cluster> goldEntity = new HashMap<>();
        for (Cluster c : gold.clusters()) {
            for (Mention m : c.mentions()) {
                goldEntity.putIfAbsent(span(m.start(), m.end()), c);
            }
        }
        for (Cluster c : gold.clusters()) {
            if (!hasNonPronoun(c)) {
                continue;
            }
            for (Mention m : c.mentions()) {
                if (thirdPersonPronoun(m).isPresent()) {
                    replaceable++;
                    replaceableByRule.merge(pronounRule(m), 1, Integer::sum);
                }
            }
        }
        List<Judged> out = new ArrayList<>();
        for (Replacement r : result.replacements()) {
            Cluster entity = goldEntity.get(span(r.start(), r.end()));
            // the words written, without the possessive ending the rewriter may have added
            String written = r.replacement().replaceFirst("['’]s?$", "");
            Representative rep = new Representative(r.source(), written, false, false, false);
            boolean right = entity != null && names(entity, rep);
            boolean isReplaceable = false;
            if (entity != null && hasNonPronoun(entity)) {
                for (Mention m : entity.mentions()) {
                    if (m.start() == r.start() && m.end() == r.end() && thirdPersonPronoun(m).isPresent()) {
                        isReplaceable = true;
                    }
                }
            }
            Error error = right ? Error.NONE : entity == null ? Error.NOT_A_GOLD_MENTION
                    : anyNames(entity, result, r.clusterId()) ? Error.REPRESENTATIVE : Error.ENTITY;
            out.add(new Judged(gold.id(), r, right, isReplaceable, error));
        }
        judged.addAll(out);
        return out;
    }

    /** Whether some non-pronoun mention of the predicted cluster would have named {@code entity}. */
    private static boolean anyNames(Cluster entity, Rewriter.Result result, int clusterId) {
        for (Cluster c : result.document().clusters()) {
            if (c.id() != clusterId) {
                continue;
            }
            for (Mention m : c.mentions()) {
                if (!isPronoun(m) && names(entity, new Representative(m, m.text(), false, false, false))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code entity} has a non-pronoun mention the representative points at. */
    static boolean names(Cluster entity, Representative rep) {
        Mention rm = rep.mention();
        String repWords = normalise(rep.text());
        String repMentionWords = normalise(rm.text());
        for (Mention g : entity.mentions()) {
            if (isPronoun(g)) {
                continue;
            }
            if (g.start() == rm.start() || g.end() == rm.end()) {
                return true;
            }
            String words = normalise(g.text());
            if (words.equals(repWords) || words.equals(repMentionWords)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static boolean isPronoun(Mention m) {
        return m.size() == 1 && Pronoun.isPronoun(m.text());
    }

    private static boolean hasNonPronoun(Cluster c) {
        for (Mention m : c.mentions()) {
            if (!isPronoun(m)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Pronoun> thirdPersonPronoun(Mention m) {
        if (m.size() != 1) {
            return Optional.empty();
        }
        return Pronoun.of(m.text()).filter(Pronoun::isThirdPerson);
    }

    /** The rule a pronoun would be rewritten by, for per-rule recall ("her" counts as a pronoun). */
    private static String pronounRule(Mention m) {
        Pronoun p = Pronoun.of(m.text()).orElseThrow();
        return switch (p.form()) {
            case POSSESSIVE_DETERMINER, POSSESSIVE_PRONOUN, POSSESSIVE_AMBIGUOUS -> "possessive";
            default -> "pronoun";
        };
    }

    private static long span(int start, int end) {
        return ((long) start << 32) | end;
    }

    public List<Judged> judged() {
        return judged;
    }

    /** All replacements judged so far, and recall over all replaceable pronouns. */
    public Counts total() {
        return counts(null, replaceable);
    }

    /** The replacements of one rule; recall only for the pronoun rules ("pronoun", "possessive"), else 0 of 0. */
    public Counts byRule(String rule) {
        return counts(rule, replaceableByRule.getOrDefault(rule, 0));
    }

    private Counts counts(String rule, int replaceableCount) {
        int n = 0;
        int right = 0;
        int rightly = 0;
        for (Judged j : judged) {
            if (rule == null || j.replacement().rule().equals(rule)) {
                n++;
                right += j.right() ? 1 : 0;
                rightly += j.right() && j.replaceable() ? 1 : 0;
            }
        }
        return new Counts(n, right, replaceableCount, rightly);
    }

    /** How many of the judged replacements are wrong for each reason. */
    public Map<Error, Integer> errors() {
        Map<Error, Integer> out = new java.util.EnumMap<>(Error.class);
        for (Judged j : judged) {
            if (!j.right()) {
                out.merge(j.error(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The rules seen, in a fixed order. */
    public static List<String> rules() {
        return List.of("pronoun", "possessive", "nominal", "name");
    }
}
