package dev.referent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.RewriteSettings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options of {@code /v1/resolve} and {@code /v1/resolve/batch}, read strictly: an unknown name or a value of the
 * wrong type or range is a 400 that names the option and what it accepts, never silently ignored (a misspelt
 * {@code min-confidence} used to resolve with the defaults and look like a model error). JSON bodies give typed
 * values; the query parameters of a {@code text/plain} request give strings.
 *
 * <p>The rewriting options are read by core's {@link RewriteSettings}, the one vocabulary and validator of the
 * command line, the service and the Spark job; this class adds only the service's own {@code format} and
 * {@code tokens} and maps core's {@link RewriteSettings.InvalidSettingException} to a 400.
 *
 * @param rewrite what the rewriter does
 * @param format  {@code json} or {@code text} (single documents only)
 * @param tokens  whether the JSON document carries tokens and sentences
 */
record RequestOptions(RewriteOptions rewrite, String format, boolean tokens) {

    static final List<String> NAMES = Stream.concat(RewriteSettings.NAMES.stream(), Stream.of("format", "tokens"))
            .toList();
    /** Batch answers are always a JSON array of documents: no {@code format}. */
    static final List<String> BATCH_NAMES = NAMES.stream().filter(n -> !n.equals("format")).toList();

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Reader r = new Reader(batch, RewriteSettings.Values.TYPED);
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            // JSON values as Java values (String, Boolean, Number, List, Map), which core checks by type
            r.set(e.getKey(), e.getValue().isNull() ? null : JSON.convertValue(e.getValue(), Object.class));
        }
        return r.build();
    }

    /** Options from query parameters (a {@code text/plain} body); every value is a string. */
    static RequestOptions fromQuery(Map<String, List<String>> query) {
        Reader r = new Reader(false, RewriteSettings.Values.TEXT);
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getValue().size() > 1) {
                throw HttpError.badRequest("option '" + e.getKey() + "' is given " + e.getValue().size()
                        + " times; give it once");
            }
            r.set(e.getKey(), e.getValue().get(0));
        }
        return r.build();
    }

    /** Reads one option at a time; a null value means "not given": the default. */
    private static final class Reader {
        private final boolean batch;
        private final RewriteSettings.Values values;
        private RewriteOptions rewrite = RewriteOptions.defaults();
        private String format = "json";
        private boolean tokens;

        Reader(boolean batch, RewriteSettings.Values values) {
            this.batch = batch;
            this.values = values;
        }

        void set(String name, Object value) {
            List<String> accepted = batch ? BATCH_NAMES : NAMES;
            try {
                if (!accepted.contains(name)) {
                    throw RewriteSettings.unknown(name, accepted,
                            batch && name.equals("format") ? " (a batch always answers JSON)" : "");
                }
                if (value == null) {
                    return;
                }
                switch (name) {
                    case "format" -> format = format(value);
                    case "tokens" -> tokens = RewriteSettings.flag(name, value, values);
                    default -> rewrite = RewriteSettings.with(rewrite, name, value, values);
                }
            } catch (RewriteSettings.InvalidSettingException e) {
                throw HttpError.badRequest(e.getMessage());
            }
        }

        RequestOptions build() {
            return new RequestOptions(rewrite, format, tokens);
        }
    }

    private static String format(Object value) {
        if (!(value instanceof String v)) {
            throw HttpError.badRequest("option 'format' must be a string, one of json, text; got "
                    + RewriteSettings.describe(value));
        }
        String f = v.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("text")) {
            throw HttpError.badRequest("option 'format' must be one of json, text; got '" + v + "'");
        }
        return f;
    }

    /** A short description of a JSON value for an error message (its type, and the value when it is short). */
    static String describe(JsonNode v) {
        // one describer for all messages: core's, on the value as Java sees it
        return v.isNull() || v.isMissingNode() ? "null" : RewriteSettings.describe(JSON.convertValue(v, Object.class));
    }
}
