package dev.referent.rewrite;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;

/**
 * How sure the rewriter may be of one replacement: the probability that {@code representative} names the entity that
 * {@code mention} refers to. {@link RewriteOptions#minConfidence()} is compared with this value.
 */
@FunctionalInterface
public interface ReplacementConfidence {

    double of(Document doc, Cluster cluster, Mention mention, Representative representative);

    /** Each mention's own link confidence, carried on the mention (missing: 1.0, as for gold clusters). */
    static ReplacementConfidence linkConfidence() {
        return (doc, cluster, mention, representative) -> mention.linkConfidenceOr(1.0);
    }
}
