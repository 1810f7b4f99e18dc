package dev.referent.eval.score;

/** Coreference metrics. CoNLL-F1 is the mean of the MUC, B-cubed and CEAFe F1. */
public enum Metric {
    MUC("MUC"), BCUBED("B3"), CEAFM("CEAFm"), CEAFE("CEAFe"), BLANC("BLANC"), LEA("LEA");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
