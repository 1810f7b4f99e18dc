package dev.referent.doc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gender a first name is given to, from the public-domain Moby Word II lists (about 8,400 English first names;
 * provenance and licence in {@code first-names.tsv} and the README): "Maria" feminine, "John" masculine, a name on
 * both lists ("Jordan", "Kim") and a name on neither answer empty.
 */
public final class FirstNames {

    private static final Map<String, Pronoun.Gender> GENDER = read();

    private FirstNames() {
    }

    /** The gender of {@code name} as a first name, empty when unknown or given to both. */
    public static Optional<Pronoun.Gender> genderOf(String name) {
        return Optional.ofNullable(GENDER.get(name.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Pronoun.Gender> read() {
        Map<String, Pronoun.Gender> out = new HashMap<>();
        try (InputStream in = FirstNames.class.getResourceAsStream("first-names.tsv")) {
            if (in == null) {
                throw new IllegalStateException("dev/referent/doc/first-names.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                switch (f[1]) {
                    case "m" -> out.put(f[0], Pronoun.Gender.MASCULINE);
                    case "f" -> out.put(f[0], Pronoun.Gender.FEMININE);
                    default -> out.remove(f[0]); // on both lists: no evidence either way
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read first-names.tsv", e);
        }
        return Map.copyOf(out);
    }
}
