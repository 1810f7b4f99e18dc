package dev.referent.model;

/** Penn Treebank tags from word representations: one linear layer over {@code x}. */
final class PosTagger {

    private final Linear out;
    private final String[] labels;

    PosTagger(Weights w, String[] labels) {
        out = new Linear(w, WeightNames.POS_OUT);
        if (out.out != labels.length) {
            throw new IllegalArgumentException("POS layer has " + out.out + " outputs for " + labels.length + " labels");
        }
        this.labels = labels;
    }

    String[] tag(float[] x, int n, int dim) {
        String[] tags = new String[n];
        float[] logits = new float[out.out];
        for (int i = 0; i < n; i++) {
            out.apply(x, i * dim, logits, 0);
            int best = 0;
            for (int k = 1; k < logits.length; k++) {
                if (logits[k] > logits[best]) {
                    best = k;
                }
            }
            tags[i] = labels[best];
        }
        return tags;
    }
}
