package dev.referent.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referent.rewrite.RewriteOptions;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code /v1/resolve} and {@code /v1/resolve/batch}, read strictly: an unknown name or a value of the
 * wrong type or range is a 400 that names the option and what it accepts, never silently ignored (a misspelt
 * {@code min-confidence} used to resolve with the defaults and look like a model error). JSON bodies give typed
 * values; the query parameters of a {@code text/plain} request give strings, read with the same rules.
 *
 * <p>The {@link RewriteOptions} are built from {@link RewriteOptions#defaults()} through its {@code with...} methods
 * only, so that the defaults stay defined in one place (core).
 *
 * @param rewrite what the rewriter does
 * @param format  {@code json} or {@code text} (single documents only)
 * @param tokens  whether the JSON document carries tokens and sentences
 */
record RequestOptions(RewriteOptions rewrite, String format, boolean tokens) {

    static final List<String> NAMES = List.of("replace", "representative", "inside_quotes", "reflexives",
            "min_confidence", "format", "tokens");
    /** Batch answers are always a JSON array of documents: no {@code format}. */
    static final List<String> BATCH_NAMES = NAMES.stream().filter(n -> !n.equals("format")).toList();

    static RequestOptions defaults() {
        return new RequestOptions(RewriteOptions.defaults(), "json", false);
    }

    /**
     * Options from a JSON body's {@code "options"} member ({@code null} or absent: the defaults).
     *
     * @param batch whether these are a batch's options ({@code format} is not accepted there)
     */
    static RequestOptions fromJson(JsonNode options, boolean batch) {
        if (options == null || options.isNull() || options.isMissingNode()) {
            return defaults();
        }
        if (!options.isObject()) {
            throw HttpError.badRequest("\"options\" must be a JSON object such as {\"replace\": \"all\"}, not "
                    + describe(options) + "; accepted options: " + String.join(", ", batch ? BATCH_NAMES : NAMES));
        }
        Reader r = new Reader(batch);
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            r.set(e.getKey(), e.getValue(), null);
        }
        return r.build();
    }

    /** Options from query parameters (a {@code text/plain} body); every value is a string. */
    static RequestOptions fromQuery(Map<String, List<String>> query) {
        Reader r = new Reader(false);
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getValue().size() > 1) {
                throw HttpError.badRequest("option '" + e.getKey() + "' is given " + e.getValue().size()
                        + " times; give it once");
            }
            r.set(e.getKey(), null, e.getValue().get(0));
        }
        return r.build();
    }

    /** Reads one option at a time, from a JSON value or from a query string value (exactly one is non-null). */
    private static final class Reader {
        private final boolean batch;
        private RewriteOptions rewrite = RewriteOptions.defaults();
        private String format = "json";
        private boolean tokens;

        Reader(boolean batch) {
            this.batch = batch;
        }

        void set(String name, JsonNode json, String query) {
            if (!(batch ? BATCH_NAMES : NAMES).contains(name)) {
                throw unknown(name);
            }
            if (json != null && json.isNull()) {
                return; // an explicit null means "not given": the default
            }
            switch (name) {
                case "replace" -> {
                    String v = string(name, json, query, "pronouns, pronouns+nominals, all");
                    rewrite = rewrite.withReplace(choice(name, v, "pronouns, pronouns+nominals, all",
                            () -> RewriteOptions.Replace.parse(v)));
                }
                case "representative" -> {
                    String v = string(name, json, query, "name, first, longest");
                    rewrite = rewrite.withRepresentative(choice(name, v, "name, first, longest",
                            () -> RewriteOptions.Representative.parse(v)));
                }
                case "inside_quotes" -> rewrite = rewrite.withInsideQuotes(bool(name, json, query));
                case "reflexives" -> rewrite = rewrite.withReflexives(bool(name, json, query));
                case "min_confidence" -> rewrite = rewrite.withMinConfidence(confidence(name, json, query));
                case "format" -> {
                    String v = string(name, json, query, "json, text");
                    format = v.toLowerCase(Locale.ROOT);
                    if (!format.equals("json") && !format.equals("text")) {
                        throw HttpError.badRequest("option 'format' must be one of json, text; got '" + v + "'");
                    }
                }
                case "tokens" -> tokens = bool(name, json, query);
                default -> throw unknown(name);
            }
        }

        RequestOptions build() {
            return new RequestOptions(rewrite, format, tokens);
        }

        private HttpError unknown(String name) {
            List<String> accepted = batch ? BATCH_NAMES : NAMES;
            String hint = "";
            if (batch && name.equals("format")) {
                hint = " (a batch always answers JSON)";
            } else {
                // min-confidence, minConfidence, Min_Confidence: the same letters as an accepted name
                String folded = fold(name);
                for (String n : accepted) {
                    if (fold(n).equals(folded)) {
                        hint = " (did you mean '" + n + "'?)";
                    }
                }
            }
            return HttpError.badRequest("unknown option '" + name + "'" + hint + "; accepted options: "
                    + String.join(", ", accepted));
        }
    }

    private static String fold(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static String string(String name, JsonNode json, String query, String accepted) {
        if (json == null) {
            return query;
        }
        if (!json.isTextual()) {
            throw HttpError.badRequest("option '" + name + "' must be a string, one of " + accepted + "; got "
                    + describe(json));
        }
        return json.textValue();
    }

    private static <T> T choice(String name, String value, String accepted, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("option '" + name + "' must be one of " + accepted + "; got '" + value + "'");
        }
    }

    private static boolean bool(String name, JsonNode json, String query) {
        if (json != null) {
            if (!json.isBoolean()) {
                throw HttpError.badRequest("option '" + name + "' must be true or false (a JSON boolean); got "
                        + describe(json));
            }
            return json.booleanValue();
        }
        return switch (query) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.badRequest("option '" + name + "' must be true or false; got '" + query + "'");
        };
    }

    private static double confidence(String name, JsonNode json, String query) {
        double v;
        if (json != null) {
            if (!json.isNumber()) {
                throw HttpError.badRequest("option '" + name + "' must be a number from 0 to 1; got " + describe(json));
            }
            v = json.doubleValue();
        } else {
            try {
                v = Double.parseDouble(query.strip());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("option '" + name + "' must be a number from 0 to 1; got '" + query + "'");
            }
        }
        if (!(v >= 0 && v <= 1)) { // also rejects NaN
            throw HttpError.badRequest("option '" + name + "' must be a number from 0 to 1; got " + v);
        }
        return v;
    }

    /** A short description of a JSON value for an error message (its type, and the value when it is short). */
    static String describe(JsonNode v) {
        String type = switch (v.getNodeType()) {
            case STRING -> "the string";
            case NUMBER -> "the number";
            case BOOLEAN -> "the boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
        if (v.isContainerNode()) {
            return type;
        }
        String s = v.toString();
        return type + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
