package dev.referent.rewrite;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one vocabulary and validator of the rewriting options (issue 20, item 3). */
class RewriteSettingsTest {

    @Test
    void noSettingsAreTheDefaults() {
        assertEquals(RewriteOptions.defaults(), RewriteSettings.fromSettings(Map.of()));
        assertEquals(0.65, RewriteSettings.fromSettings(Map.of()).minConfidence());
        Map<String, Object> nulls = new HashMap<>();
        for (String n : RewriteSettings.NAMES) {
            nulls.put(n, null);
        }
        assertEquals(RewriteOptions.defaults(), RewriteSettings.fromSettings(nulls, RewriteSettings.Values.TYPED));
    }

    @Test
    void everySettingIsTakenAsTextOrTyped() {
        RewriteOptions text = RewriteSettings.fromSettings(Map.of("replace", "ALL", "representative", "longest",
                "inside_quotes", "true", "reflexives", "true", "min_confidence", "0.25"));
        RewriteOptions typed = RewriteSettings.fromSettings(Map.of("replace", "all", "representative", "Longest",
                "inside_quotes", true, "reflexives", true, "min_confidence", 0.25), RewriteSettings.Values.TYPED);
        for (RewriteOptions o : List.of(text, typed)) {
            assertEquals(RewriteOptions.Replace.ALL, o.replace());
            assertEquals(RewriteOptions.Representative.LONGEST, o.representative());
            assertTrue(o.insideQuotes() && o.reflexives());
            assertEquals(0.25, o.minConfidence());
            assertEquals(RewriteOptions.defaults().maxRepresentativeTokens(), o.maxRepresentativeTokens());
        }
    }

    @Test
    void otherSpellingsOfANameAreUnknownWithAHint() {
        for (String spelling : List.of("min-confidence", "minConfidence", "--min-confidence", "MIN_CONFIDENCE")) {
            var e = assertThrows(RewriteSettings.InvalidSettingException.class,
                    () -> RewriteSettings.fromSettings(Map.of(spelling, "0.5")));
            assertEquals("unknown option '" + spelling + "' (did you mean 'min_confidence'?); accepted options: "
                    + "replace, representative, inside_quotes, reflexives, min_confidence", e.getMessage());
            assertEquals(spelling, e.name());
            assertNull(e.got());
        }
        var e = assertThrows(RewriteSettings.InvalidSettingException.class,
                () -> RewriteSettings.fromSettings(Map.of("bogus", true)));
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void badValuesNameTheOptionTheValueAndWhatIsAccepted() {
        String[][] cases = {
                {"replace", "everything", "option 'replace' must be one of pronouns, pronouns+nominals, all; got 'everything'"},
                {"representative", "bogus", "option 'representative' must be one of name, first, longest; got 'bogus'"},
                {"inside_quotes", "yes", "option 'inside_quotes' must be true or false; got 'yes'"},
                {"min_confidence", "high", "option 'min_confidence' must be a number from 0 to 1; got 'high'"},
                {"min_confidence", "1.5", "option 'min_confidence' must be a number from 0 to 1; got 1.5"},
                {"min_confidence", "NaN", "option 'min_confidence' must be a number from 0 to 1; got NaN"},
        };
        for (String[] c : cases) {
            var e = assertThrows(RewriteSettings.InvalidSettingException.class,
                    () -> RewriteSettings.fromSettings(Map.of(c[0], c[1])));
            assertEquals(c[2], e.getMessage());
            assertEquals(c[0], e.name());
            assertFalse(e.getMessage().contains("--"), "no flag syntax from core: " + e.getMessage());
        }
    }

    @Test
    void typedValuesMustHaveTheirType() {
        // a JSON body: "0.5" is a string, not a number; 1 is not a boolean; 3 is not a choice
        Object[][] cases = {
                {"min_confidence", "0.5", "must be a number from 0 to 1; got the string \"0.5\""},
                {"reflexives", 1, "must be true or false (a boolean); got the number 1"},
                {"replace", 3, "must be a string, one of pronouns, pronouns+nominals, all; got the number 3"},
                {"replace", List.of("all"), "must be a string, one of pronouns, pronouns+nominals, all; got an array"},
        };
        for (Object[] c : cases) {
            var e = assertThrows(RewriteSettings.InvalidSettingException.class,
                    () -> RewriteSettings.fromSettings(Map.of((String) c[0], c[1]), RewriteSettings.Values.TYPED));
            assertEquals("option '" + c[0] + "' " + c[2], e.getMessage());
        }
    }

    @Test
    void coreMessagesCarryNoFlagSyntax() {
        for (Runnable r : List.<Runnable>of(() -> RewriteOptions.Replace.parse("x"),
                () -> RewriteOptions.Representative.parse("x"),
                () -> RewriteOptions.defaults().withMinConfidence(2))) {
            var e = assertThrows(IllegalArgumentException.class, r::run);
            assertFalse(e.getMessage().contains("--"), e.getMessage());
        }
    }

    @Test
    void flagsMapToTheSameNamesAndShellsShowTheirOwnSyntax() {
        assertEquals("--min-confidence", RewriteSettings.flagOf("min_confidence"));
        assertEquals("--inside-quotes", RewriteSettings.flagOf(RewriteSettings.INSIDE_QUOTES));
        var e = assertThrows(RewriteSettings.InvalidSettingException.class,
                () -> RewriteSettings.fromSettings(Map.of("replace", "everything")));
        assertEquals("--replace must be one of pronouns, pronouns+nominals, all; got 'everything'",
                e.messageFor(RewriteSettings.flagOf(e.name())));
    }
}
