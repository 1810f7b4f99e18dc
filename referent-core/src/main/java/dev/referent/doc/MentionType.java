package dev.referent.doc;

/** Coarse mention types; the rewriter prefers proper over nominal over pronominal representatives. */
public enum MentionType {
    PROPER, NOMINAL, PRONOUN, OTHER;

    /** Higher is more informative as a representative. */
    public int informativeness() {
        switch (this) {
            case PROPER: return 3;
            case NOMINAL: return 2;
            case OTHER: return 1;
            default: return 0;
        }
    }
}
