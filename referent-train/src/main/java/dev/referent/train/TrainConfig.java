package dev.referent.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hyper-parameters of one named experiment from an INI file: section {@code [default]} defines every key, each
 * other section overrides some, starting from the experiment its {@code base} key names when it has one. Unknown
 * keys in an experiment are an error, so a typo cannot silently train with the default.
 */
public final class TrainConfig {

    /** The key naming the experiment a section starts from (instead of [default] alone). */
    private static final String BASE = "base";

    private final String experiment;
    private final Map<String, String> values;

    private TrainConfig(String experiment, Map<String, String> values) {
        this.experiment = experiment;
        this.values = values;
    }

    public static TrainConfig load(Path file, String experiment) throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = null;
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                sections.putIfAbsent(section, new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || section == null) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected 'key = value' inside a [section]");
            }
            String key = line.substring(0, eq).strip();
            if (sections.get(section).put(key, line.substring(eq + 1).strip()) != null) {
                // the later value would win silently; one of them is a mistake
                throw new IllegalArgumentException(file + ":" + lineNo + ": key '" + key + "' repeated in [" + section + "]");
            }
        }
        Map<String, String> defaults = sections.get("default");
        if (defaults == null) {
            throw new IllegalArgumentException(file + ": no [default] section");
        }
        Map<String, String> merged = new TreeMap<>(defaults);
        resolve(file, sections, experiment, merged, new java.util.ArrayList<>());
        return new TrainConfig(experiment, merged);
    }

    /**
     * Applies experiment {@code name} to {@code merged}: first the experiment its {@code base} key names, if any (and
     * that one's base, and so on), then its own values.
     */
    private static void resolve(Path file, Map<String, Map<String, String>> sections, String name,
                                Map<String, String> merged, java.util.List<String> chain) {
        if (name.equals("default")) {
            return; // every key's starting value
        }
        Map<String, String> overrides = sections.get(name);
        if (overrides == null) {
            String from = chain.isEmpty() ? "" : " (base of [" + chain.get(chain.size() - 1) + "])";
            throw new IllegalArgumentException(file + ": no experiment [" + name + "]" + from + "; have " + sections.keySet());
        }
        if (chain.contains(name)) {
            throw new IllegalArgumentException(file + ": experiments are each other's base: " + chain + " -> " + name);
        }
        chain.add(name);
        String base = overrides.get(BASE);
        if (base != null) {
            resolve(file, sections, base, merged, chain);
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (e.getKey().equals(BASE)) {
                continue;
            }
            if (!merged.containsKey(e.getKey())) {
                throw new IllegalArgumentException(file + ": experiment [" + name + "] sets unknown key '" + e.getKey() + "'");
            }
            merged.put(e.getKey(), e.getValue());
        }
    }

    public String experiment() {
        return experiment;
    }

    public Map<String, String> values() {
        return values;
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing hyper-parameter '" + key + "'");
        }
        return v;
    }

    public int integer(String key) {
        return Integer.parseInt(string(key));
    }

    public float number(String key) {
        return Float.parseFloat(string(key));
    }

    /** A comma-separated value, each item stripped; empty: no items. */
    public java.util.List<String> list(String key) {
        return java.util.Arrays.stream(string(key).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** A true/false value; any other spelling is an error rather than a silent false. */
    public boolean flag(String key) {
        String v = string(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("hyper-parameter '" + key + "' must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A copy with one value replaced (command-line overrides). */
    public TrainConfig with(String key, String value) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("unknown hyper-parameter '" + key + "'");
        }
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new TrainConfig(experiment, copy);
    }
}
