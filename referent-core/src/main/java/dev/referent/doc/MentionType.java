package dev.referent.doc;

/** Coarse mention types; the rewriter prefers proper over nominal over pronominal representatives. */
public enum MentionType {
    PROPER, NOMINAL, PRONOUN, OTHER
}
