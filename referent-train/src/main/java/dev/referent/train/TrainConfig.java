package dev.referent.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hyper-parameters of one named experiment from an INI file: section {@code [default]} defines every key, each
 * other section overrides some. Unknown keys in an experiment are an error, so a typo cannot silently train with
 * the default.
 */
public final class TrainConfig {

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
            sections.get(section).put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        Map<String, String> defaults = sections.get("default");
        if (defaults == null) {
            throw new IllegalArgumentException(file + ": no [default] section");
        }
        Map<String, String> overrides = sections.get(experiment);
        if (overrides == null) {
            throw new IllegalArgumentException(file + ": no experiment [" + experiment + "]; have " + sections.keySet());
        }
        Map<String, String> merged = new TreeMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException(file + ": experiment [" + experiment + "] sets unknown key '" + e.getKey() + "'");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new TrainConfig(experiment, merged);
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
