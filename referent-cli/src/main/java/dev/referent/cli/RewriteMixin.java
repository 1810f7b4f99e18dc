package dev.referent.cli;

import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.RewriteSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The rewriting options shared by resolve, batch and eval. Each flag is core's setting of the same name
 * ({@code --min-confidence} is {@code min_confidence}); values and defaults are checked and taken by core's
 * {@link RewriteSettings}, never here, so that the command line, the service and the Spark job accept the same.
 */
final class RewriteMixin {

    @Option(names = "--replace", paramLabel = "MODE",
            description = RewriteSettings.REPLACE_HELP)
    String replace;

    @Option(names = "--representative", paramLabel = "HOW",
            description = RewriteSettings.REPRESENTATIVE_HELP)
    String representative;

    @Option(names = "--inside-quotes", description = RewriteSettings.INSIDE_QUOTES_HELP)
    boolean insideQuotes;

    @Option(names = "--reflexives", description = RewriteSettings.REFLEXIVES_HELP)
    boolean reflexives;

    @Option(names = "--min-confidence", paramLabel = "P",
            description = RewriteSettings.MIN_CONFIDENCE_HELP)
    String minConfidence;

    /** The options given, by core's names; null values (options not given) keep core's defaults. */
    Map<String, Object> settings() {
        return RewriteSettings.settings(replace, representative, insideQuotes, reflexives, minConfidence);
    }

    RewriteOptions options() {
        return options(settings());
    }

    /** Core's options from settings, a bad value reported as a usage error in flag syntax ({@code --replace ...}). */
    static RewriteOptions options(Map<String, ?> settings) {
        try {
            return RewriteSettings.fromSettings(settings, RewriteSettings.Values.TEXT);
        } catch (RewriteSettings.InvalidSettingException e) {
            throw new Main.UsageException(e.messageFor(RewriteSettings.flagOf(e.name())));
        }
    }
}
