package dev.referent.model.heads;

/** Penn Treebank tags from word representations: one linear layer over {@code x}. */
public final class PosTagger {

    private final Linear out;
    private final String[] labels;

    public PosTagger(Weights w, String[] labels) {
        out = new Linear(w, WeightNames.POS_OUT);
        if (out.out != labels.length) {
            throw new IllegalArgumentException("POS layer has " + out.out + " outputs for " + labels.length + " labels");
        }
        this.labels = labels;
    }

    public String[] tag(float[] x, int n, int dim) {
        String[] tags = new String[n];
        float[] logits = new float[out.out];
        for (int i = 0; i < n; i++) {
            tags[i] = tag(x, i * dim, logits);
        }
        return tags;
    }

    /** The tag scores of word {@code i} of {@code x} (rows {@code dim} wide) into {@code logits}, one per label. */
    void logits(float[] x, int i, int dim, float[] logits) {
        out.apply(x, i * dim, logits, 0);
    }

    /** The tag of one word's x at {@code x[off..]}; {@code logits} is scratch space of {@link #labels()} values. */
    public String tag(float[] x, int off, float[] logits) {
        out.apply(x, off, logits, 0);
        int best = 0;
        for (int k = 1; k < logits.length; k++) {
            if (logits[k] > logits[best]) {
                best = k;
            }
        }
        return labels[best];
    }

    public int labels() {
        return labels.length;
    }
}
