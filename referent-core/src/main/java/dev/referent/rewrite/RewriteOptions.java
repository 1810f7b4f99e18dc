package dev.referent.rewrite;

import java.util.Locale;

/**
 * What the rewriter replaces and with what. Front ends build it from named settings through
 * {@link RewriteSettings}, the one vocabulary and validator; messages here name the setting, never a front end's
 * syntax (no {@code --flag}).
 *
 * @param replace which mentions are replaced
 * @param representative how each entity's representative mention is chosen
 * @param insideQuotes whether third-person mentions inside quoted speech are rewritten (first and second person
 *                     never are)
 * @param reflexives whether reflexive pronouns (himself, themselves) are rewritten
 * @param minConfidence links whose confidence is below this are left alone (0 rewrites everything)
 * @param maxRepresentativeTokens longer representatives fall back to their head noun phrase
 */
public record RewriteOptions(Replace replace, Representative representative, boolean insideQuotes, boolean reflexives,
                             double minConfidence, int maxRepresentativeTokens) {

    /** Which mentions are replaced. */
    public enum Replace {
        /** third-person personal and possessive pronouns */
        PRONOUNS,
        /** also definite descriptions ("the President", "the department") */
        PRONOUNS_AND_NOMINALS,
        /** also shorter names ("Kelly" -> "John Kelly") */
        ALL;

        public static Replace parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "pronouns" -> PRONOUNS;
                case "pronouns+nominals", "pronouns_and_nominals", "nominals" -> PRONOUNS_AND_NOMINALS;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("replace must be pronouns, pronouns+nominals or all, not '" + s + "'");
            };
        }

        public String label() {
            return switch (this) {
                case PRONOUNS -> "pronouns";
                case PRONOUNS_AND_NOMINALS -> "pronouns+nominals";
                case ALL -> "all";
            };
        }
    }

    /** How the representative mention is chosen. */
    public enum Representative {
        /** the most informative: proper name over nominal, then the first full name */
        NAME,
        /** the first mention that is not a pronoun */
        FIRST,
        /** the longest mention that is not a pronoun */
        LONGEST;

        public static Representative parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "name" -> NAME;
                case "first" -> FIRST;
                case "longest" -> LONGEST;
                default -> throw new IllegalArgumentException("representative must be name, first or longest, not '" + s + "'");
            };
        }
    }

    public RewriteOptions {
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("min_confidence must be in [0, 1]: " + minConfidence);
        }
        if (maxRepresentativeTokens < 1) {
            throw new IllegalArgumentException("maxRepresentativeTokens must be positive");
        }
    }

    /**
     * The replacement confidence below which a mention is left as written by default: the threshold with the best
     * cross-validated replacement precision on OntoGUM dev that keeps at least 30 % of the replaceable pronouns
     * replaced (docs/BENCHMARKS.md, "Resolved text a reader can trust"); the model's confidence does not yet separate
     * right from wrong well enough for a precision-90 default.
     */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.65;

    public static RewriteOptions defaults() {
        return new RewriteOptions(Replace.PRONOUNS, Representative.NAME, false, false, DEFAULT_MIN_CONFIDENCE, 6);
    }

    public RewriteOptions withReplace(Replace r) {
        return new RewriteOptions(r, representative, insideQuotes, reflexives, minConfidence, maxRepresentativeTokens);
    }

    public RewriteOptions withRepresentative(Representative r) {
        return new RewriteOptions(replace, r, insideQuotes, reflexives, minConfidence, maxRepresentativeTokens);
    }

    public RewriteOptions withInsideQuotes(boolean b) {
        return new RewriteOptions(replace, representative, b, reflexives, minConfidence, maxRepresentativeTokens);
    }

    public RewriteOptions withReflexives(boolean b) {
        return new RewriteOptions(replace, representative, insideQuotes, b, minConfidence, maxRepresentativeTokens);
    }

    public RewriteOptions withMinConfidence(double c) {
        return new RewriteOptions(replace, representative, insideQuotes, reflexives, c, maxRepresentativeTokens);
    }
}
