package dev.referent.eval.io;

import java.util.Locale;

/**
 * One GAP row: a text, an ambiguous pronoun and two candidate names, each with its character offset and gold label.
 */
public record GapExample(String id, String text, String pronoun, int pronounOffset, String nameA, int offsetA,
                         boolean corefA, String nameB, int offsetB, boolean corefB, String url) {

    public enum Gender { MASCULINE, FEMININE }

    /** The pronoun's gender, which GAP uses to report its bias. */
    public Gender gender() {
        return switch (pronoun.toLowerCase(Locale.ROOT)) {
            case "she", "her", "hers", "herself" -> Gender.FEMININE;
            default -> Gender.MASCULINE;
        };
    }

    public int pronounEnd() {
        return pronounOffset + pronoun.length();
    }

    public int endA() {
        return offsetA + nameA.length();
    }

    public int endB() {
        return offsetB + nameB.length();
    }
}
