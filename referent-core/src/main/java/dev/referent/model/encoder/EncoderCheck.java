package dev.referent.model.encoder;

import dev.referent.model.CorefModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, when a model loads, that the encoder on the classpath is the one its heads were trained for: the SHA-256 of
 * the encoder's ONNX graph must equal the one the model's {@code manifest.json} records for that encoder (under
 * {@code encoder} or {@code runtime_encoder}, matched by name). Another artifact version of the same encoder would
 * otherwise load without a word and score worse. A model without a manifest, or whose manifest records no hash for
 * the encoder asked for (a run with another encoder), is not checked. Hashing the 23 MB int8 graph takes about 0.1 s.
 */
public final class EncoderCheck {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderCheck.class);

    static final String MANIFEST = "manifest.json";

    private EncoderCheck() {
    }

    /**
     * Fails when the encoder is missing (saying how to get it) or its graph's SHA-256 differs from the manifest's.
     *
     * @param where the model's name or folder, for the message
     */
    public static void verify(EncoderSpec spec, CorefModel.Source source, String where) {
        spec.requireAvailable();
        String manifest = read(source);
        if (manifest == null) {
            LOG.debug("model {} has no {}: encoder {} not checked", where, MANIFEST, spec.name());
            return;
        }
        String expected = expectedSha256(manifest, spec.name());
        if (expected == null) {
            LOG.debug("{} of model {} records no sha256 for encoder {}: not checked", MANIFEST, where, spec.name());
            return;
        }
        long t0 = System.nanoTime();
        String actual = spec.graphSha256();
        LOG.debug("encoder {} hashed in {} ms", spec.name(), (System.nanoTime() - t0) / 1_000_000);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IllegalStateException("encoder " + spec.name() + ": " + spec.onnxResource() + " on the classpath has "
                    + "sha256 " + actual + ", but " + MANIFEST + " of model " + where + " records " + expected
                    + " (the heads were trained for another version of the encoder; expected artifact "
                    + spec.artifact() + ")");
        }
    }

    /**
     * The sha256 a manifest records for the encoder named {@code name}: {@code onnx_sha256} of whichever of its
     * {@code encoder} and {@code runtime_encoder} objects has that name; null when none does or the value is not a
     * hash (a trainer without the encoder wrote "unavailable").
     */
    static String expectedSha256(String manifestJson, String name) {
        Object root = new Parser(manifestJson).document();
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(MANIFEST + " is not a JSON object");
        }
        for (String key : List.of("encoder", "runtime_encoder")) {
            if (top.get(key) instanceof Map<?, ?> encoder && name.equals(encoder.get("name"))
                    && encoder.get("onnx_sha256") instanceof String sha && sha.matches("[0-9a-fA-F]{64}")) {
                return sha;
            }
        }
        return null;
    }

    private static String read(CorefModel.Source source) {
        try (InputStream in = source.open(MANIFEST)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException | NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // the classpath source reports a missing file as a plain IOException
            if (String.valueOf(e.getMessage()).contains("is not on the classpath")) {
                return null;
            }
            throw new UncheckedIOException("cannot read model " + MANIFEST, e);
        }
    }

    /** Just enough JSON for a manifest: objects, arrays, strings, numbers, true, false, null. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw error("text after the JSON value");
            }
            return v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        if (i >= s.length() || s.charAt(i) != '"') {
                            throw error("expected a member name");
                        }
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && "{}[],: \t\r\n\"".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> {
                            try {
                                yield Double.parseDouble(word);
                            } catch (NumberFormatException e) {
                                throw error("unexpected '" + word + "'");
                            }
                        }
                    };
                }
            }
        }

        private String string() {
            i++; // the opening quote
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) {
                                throw error("short \\u escape");
                            }
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e); // \" \\ \/
                    }
                } else {
                    b.append(c);
                }
            }
            throw error("unterminated string");
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(MANIFEST + ": " + what + " at character " + i);
        }
    }
}
