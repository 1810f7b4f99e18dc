package dev.referent.model.decode;

import dev.referent.doc.Document;

import java.util.function.BiConsumer;

/**
 * A rule applied by the {@link Clusterer} after each word has chosen its antecedent and before clusters are built:
 * it may join words that the scorers linked into separate clusters ({@link RepeatedNames}); future constraints on
 * decoding take this place too.
 */
@FunctionalInterface
public interface DecodingStep {

    /**
     * Calls {@code join} for each pair of words whose clusters are to be one.
     *
     * @param doc the document, tokens tagged as the model tags them
     * @param xpos the predicted Penn Treebank tag of each word
     * @param linked which words the scorers put in a cluster (with an antecedent or as one)
     */
    void apply(Document doc, String[] xpos, boolean[] linked, BiConsumer<Integer, Integer> join);
}
