package dev.referent.rewrite;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;

import java.util.Map;

/**
 * How sure the rewriter may be of one replacement: the probability that {@code representative} names the entity that
 * {@code mention} refers to. {@link RewriteOptions#minConfidence()} is compared with this value.
 */
@FunctionalInterface
public interface ReplacementConfidence {

    double of(Document doc, Cluster cluster, Mention mention, Representative representative);

    /** Each mention's own link confidence (missing: 1.0, as for gold clusters). */
    static ReplacementConfidence linkConfidence(Map<Mention, Double> confidence) {
        return (doc, cluster, mention, representative) -> confidence.getOrDefault(mention, 1.0);
    }
}
