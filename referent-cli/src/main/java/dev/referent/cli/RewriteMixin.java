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

    @Option(names = "--min-confidence", defaultValue = "0.0", paramLabel = "P",
            description = "leave links whose confidence is below P alone (0..1, default 0)")
    double minConfidence;

    RewriteOptions options() {
        return new RewriteOptions(RewriteOptions.Replace.parse(replace), RewriteOptions.Representative.parse(representative),
                insideQuotes, reflexives, minConfidence, 6);
    }
}
