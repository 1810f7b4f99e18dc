package dev.referent.rewrite;

import dev.referent.doc.Mention;

/**
 * The text an entity is rewritten with.
 *
 * @param mention the mention it was taken from
 * @param text the cleaned text (relative clauses, appositions and parentheticals stripped, length capped,
 *             whitespace collapsed; members' representatives substituted in a coordination)
 * @param proper whether it is a proper name
 * @param plural whether it is grammatically plural (decides "X'" or "X's")
 * @param lowerCaseMidSentence whether its first letter is capitalised only because it began a sentence
 */
public record Representative(Mention mention, String text, boolean proper, boolean plural, boolean lowerCaseMidSentence) {
}
