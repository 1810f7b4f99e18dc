package dev.referent.doc;

/**
 * A model's syntactic analysis of a document's words, as the stages after prediction read it: each word's predicted
 * dependency relation and attribute values (Number, Gender, the GUM entity type of the mention a word heads, ...).
 * The rewriter asks it whether a representative can stand for a pronoun ("he" for "wrestling"); a model without a
 * syntax head answers {@link #NONE}.
 */
public interface WordSyntax {

    /** The value of an attribute or relation a word does not have. */
    String NO_VALUE = "_";

    /**
     * The GUM entity types ({@code Entity} attribute) that are not people; animals are left out: "it" and "he" both
     * name them.
     */
    java.util.Set<String> NOT_PERSON_TYPES = java.util.Set.of("organization", "place", "object", "abstract", "event",
            "time", "substance", "plant");

    /** No analysis: every word answers {@link #NO_VALUE}. */
    WordSyntax NONE = new WordSyntax() {
        @Override
        public String relation(int word) {
            return NO_VALUE;
        }

        @Override
        public String attribute(String attribute, int word) {
            return NO_VALUE;
        }
    };

    /** The dependency relation of {@code word} to its head ("nsubj", "obj", ...). */
    String relation(int word);

    /** The value of {@code attribute} at {@code word}, or {@link #NO_VALUE}. */
    String attribute(String attribute, int word);
}
