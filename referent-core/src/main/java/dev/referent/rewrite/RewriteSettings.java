package dev.referent.rewrite;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one vocabulary of the rewriting options and their one validator, shared by every front end: the command
 * line ({@code --min-confidence} is the setting {@code min_confidence}), the HTTP service (JSON members and query
 * parameters) and the Spark job and API. Before this class each front end parsed and checked the options itself, and
 * they drifted apart (different defaults, messages and accepted spellings).
 *
 * <p>Values arrive either as text to be parsed (a command line, a query string, a Spark option map) or typed (a JSON
 * body: a string for a choice, a boolean, a number); see {@link Values}. A {@code null} value means "not given": the
 * default from {@link RewriteOptions#defaults()}. Every error is an {@link InvalidSettingException} naming the
 * setting, the value and what is accepted; its message carries no front end's syntax (no {@code --flag}), so that
 * each front end can add its own.
 */
public final class RewriteSettings {

    public static final String REPLACE = "replace";
    public static final String REPRESENTATIVE = "representative";
    public static final String INSIDE_QUOTES = "inside_quotes";
    public static final String REFLEXIVES = "reflexives";
    public static final String MIN_CONFIDENCE = "min_confidence";

    /** The canonical names, in the order they are listed to users. */
    public static final List<String> NAMES = List.of(REPLACE, REPRESENTATIVE, INSIDE_QUOTES, REFLEXIVES, MIN_CONFIDENCE);

    /** The accepted values of the two choices, as listed in messages and help. */
    public static final String REPLACE_VALUES = "pronouns, pronouns+nominals, all";
    public static final String REPRESENTATIVE_VALUES = "name, first, longest";

    /**
     * The settings' help texts, for every command line that offers them as flags ({@code P} is the confidence's
     * parameter label); constants, so that picocli annotations can name them.
     */
    public static final String REPLACE_HELP = "what is replaced: pronouns (default), pronouns+nominals, all";
    public static final String REPRESENTATIVE_HELP = "representative mention: name (default), first, longest";
    public static final String INSIDE_QUOTES_HELP = "also rewrite third-person mentions inside quoted speech";
    public static final String REFLEXIVES_HELP = "also rewrite reflexive pronouns (himself, themselves)";
    public static final String MIN_CONFIDENCE_HELP = "leave a mention as written when the probability that its "
            + "replacement names the right entity is below P (0..1; default " + RewriteOptions.DEFAULT_MIN_CONFIDENCE
            + "; 0 keeps every replacement)";

    /** How the values of a settings map are given. */
    public enum Values {
        /**
         * As text or as their Java type: {@code "true"} or {@link Boolean#TRUE}, {@code "0.5"} or {@code 0.5}
         * (command lines, query strings, Spark option maps).
         */
        TEXT,
        /**
         * Typed, strictly: a choice must be a {@link String}, a flag a {@link Boolean}, the confidence a
         * {@link Number} (JSON bodies: {@code "0.5"} is not a number there).
         */
        TYPED
    }

    /** A setting that is unknown or whose value is not accepted. */
    public static final class InvalidSettingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final String requirement;
        private final String got;

        InvalidSettingException(String name, String requirement, String got, String message) {
            super(message);
            this.name = name;
            this.requirement = requirement;
            this.got = got;
        }

        /**
         * A value not accepted: {@code "option 'NAME' REQUIREMENT; got GOT"} (front ends use it for their own
         * settings too, so that every message has one form).
         */
        public static InvalidSettingException value(String name, String requirement, String got) {
            return new InvalidSettingException(name, requirement, got,
                    "option '" + name + "' " + requirement + "; got " + got);
        }

        /**
         * The message with the setting shown as a front end shows it ({@code --replace must be one of ...}), for
         * front ends whose users never see core's names.
         */
        public String messageFor(String shownName) {
            return got == null ? getMessage() : shownName + " " + requirement + "; got " + got;
        }

        /** The setting's name as it was given. */
        public String name() {
            return name;
        }

        /**
         * What the setting accepts, e.g. {@code "must be one of name, first, longest"}; for an unknown name, the
         * accepted names ({@code "accepted options: replace, ..."}).
         */
        public String requirement() {
            return requirement;
        }

        /** The rejected value as shown to users ({@code 'yes'}, {@code the number 3}); null for an unknown name. */
        public String got() {
            return got;
        }
    }

    private RewriteSettings() {
    }

    /**
     * The five settings by name, in {@link #NAMES} order, from a front end's own fields (null: not given); the one
     * place where a front end's options are turned into core's names.
     */
    public static Map<String, Object> settings(Object replace, Object representative, Object insideQuotes,
                                               Object reflexives, Object minConfidence) {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put(REPLACE, replace);
        s.put(REPRESENTATIVE, representative);
        s.put(INSIDE_QUOTES, insideQuotes);
        s.put(REFLEXIVES, reflexives);
        s.put(MIN_CONFIDENCE, minConfidence);
        return s;
    }

    /** {@link RewriteOptions#defaults()} with {@code settings} applied; every name must be one of {@link #NAMES}. */
    public static RewriteOptions fromSettings(Map<String, ?> settings, Values values) {
        RewriteOptions options = RewriteOptions.defaults();
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            options = with(options, e.getKey(), e.getValue(), values);
        }
        return options;
    }

    /** {@link #fromSettings(Map, Values)} with values given as text (or their Java types). */
    public static RewriteOptions fromSettings(Map<String, ?> settings) {
        return fromSettings(settings, Values.TEXT);
    }

    /**
     * {@code options} with one setting changed; a {@code null} value leaves it as it is.
     *
     * @throws InvalidSettingException for an unknown name (with a "did you mean" hint) or a value not accepted
     */
    public static RewriteOptions with(RewriteOptions options, String name, Object value, Values values) {
        if (!NAMES.contains(name)) {
            throw unknown(name, NAMES, "");
        }
        if (value == null) {
            return options;
        }
        return switch (name) {
            case REPLACE -> options.withReplace(choice(name, value, REPLACE_VALUES, RewriteOptions.Replace::parse));
            case REPRESENTATIVE -> options.withRepresentative(
                    choice(name, value, REPRESENTATIVE_VALUES, RewriteOptions.Representative::parse));
            case INSIDE_QUOTES -> options.withInsideQuotes(flag(name, value, values));
            case REFLEXIVES -> options.withReflexives(flag(name, value, values));
            case MIN_CONFIDENCE -> options.withMinConfidence(probability(name, value, values));
            default -> throw unknown(name, NAMES, "");
        };
    }

    /**
     * The error for a name that is not among {@code accepted} (a front end's own names may be added to
     * {@link #NAMES}): says which accepted name it looks like ({@code min-confidence}, {@code minConfidence} ->
     * {@code min_confidence}), unless {@code hint} gives a more specific reason (non-empty, e.g. " (a batch always
     * answers JSON)").
     */
    public static InvalidSettingException unknown(String name, Collection<String> accepted, String hint) {
        String h = hint == null ? "" : hint;
        if (h.isEmpty()) {
            String suggestion = suggestion(name, accepted);
            if (suggestion != null) {
                h = " (did you mean '" + suggestion + "'?)";
            }
        }
        String requirement = "accepted options: " + String.join(", ", accepted);
        return new InvalidSettingException(name, requirement, null, "unknown option '" + name + "'" + h + "; " + requirement);
    }

    /**
     * The accepted name with the same letters and digits as {@code name}, ignoring case and punctuation, or null:
     * the other spellings front ends use for one setting ({@code --min-confidence}, {@code minConfidence}).
     */
    public static String suggestion(String name, Collection<String> accepted) {
        String folded = fold(name);
        for (String n : accepted) {
            if (fold(n).equals(folded)) {
                return n;
            }
        }
        return null;
    }

    /**
     * The command-line flag of a setting ({@code min_confidence} -> {@code --min-confidence}): the one mapping
     * between the flags of the command line and the Spark job and core's names.
     */
    public static String flagOf(String name) {
        return "--" + name.replace('_', '-');
    }

    private static String fold(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static <T> T choice(String name, Object value, String accepted,
                                java.util.function.Function<String, T> parse) {
        if (!(value instanceof String s)) {
            throw InvalidSettingException.value(name, "must be a string, one of " + accepted, describe(value));
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingException.value(name, "must be one of " + accepted, "'" + s + "'");
        }
    }

    /**
     * A yes/no setting's value, by the rules of the rewriting flags (front ends read their own flags, such as the
     * service's {@code tokens}, with it too).
     */
    public static boolean flag(String name, Object value, Values values) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (values == Values.TEXT && value instanceof String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return true;
                }
                case "false" -> {
                    return false;
                }
                default -> throw InvalidSettingException.value(name, "must be true or false", "'" + s + "'");
            }
        }
        throw InvalidSettingException.value(name, "must be true or false (a boolean)", describe(value));
    }

    private static double probability(String name, Object value, Values values) {
        String requirement = "must be a number from 0 to 1";
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else if (values == Values.TEXT && value instanceof String s) {
            try {
                v = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw InvalidSettingException.value(name, requirement, "'" + s + "'");
            }
        } else {
            throw InvalidSettingException.value(name, requirement, describe(value));
        }
        if (!(v >= 0 && v <= 1)) { // also rejects NaN
            throw InvalidSettingException.value(name, requirement, String.valueOf(v));
        }
        return v;
    }

    /** A short description of a value for a message: its type, and the value when it is short. */
    public static String describe(Object v) {
        Objects.requireNonNull(v);
        String type;
        if (v instanceof String) {
            type = "the string";
        } else if (v instanceof Number) {
            type = "the number";
        } else if (v instanceof Boolean) {
            type = "the boolean";
        } else if (v instanceof Collection<?> || v.getClass().isArray()) {
            return "an array";
        } else if (v instanceof Map<?, ?>) {
            return "an object";
        } else {
            type = "a " + v.getClass().getSimpleName();
        }
        String s = v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
        return type + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
