package dev.referent.cli;

import dev.referent.rewrite.RewriteOptions;
import picocli.CommandLine.Option;

/** The rewriting options shared by resolve and batch. */
final class RewriteMixin {

    @Option(names = "--replace", defaultValue = "pronouns", paramLabel = "MODE",
            description = "what is replaced: pronouns (default), pronouns+nominals, all")
    String replace;

    @Option(names = "--representative", defaultValue = "name", paramLabel = "HOW",
            description = "representative mention: name (default), first, longest")
    String representative;

    @Option(names = "--inside-quotes", description = "also rewrite third-person mentions inside quoted speech")
    boolean insideQuotes;

    @Option(names = "--reflexives", description = "also rewrite reflexive pronouns (himself, themselves)")
    boolean reflexives;

    @Option(names = "--min-confidence", paramLabel = "P",
            description = "leave a mention as written when the probability that its replacement names the right "
                    + "entity is below P (0..1; default 0.5; 0 keeps every replacement)")
    double minConfidence = RewriteOptions.DEFAULT_MIN_CONFIDENCE;

    RewriteOptions options() {
        return new RewriteOptions(RewriteOptions.Replace.parse(replace), RewriteOptions.Representative.parse(representative),
                insideQuotes, reflexives, minConfidence, 6);
    }
}
