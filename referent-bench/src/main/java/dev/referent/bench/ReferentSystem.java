package dev.referent.bench;

import dev.referent.doc.Document;
import dev.referent.model.CorefModel;

/** Referent's default model (the one packed into the CLI), one encoder thread per document being processed. */
final class ReferentSystem extends CorefSystem {

    static final String NAME = "referent";
    static final String LABEL = "Referent (default model, int8 MiniLM)";

    private final CorefModel model;

    ReferentSystem(int threads) {
        super(threads);
        this.model = CorefModel.loadDefault(1);
    }

    @Override
    String name() {
        return NAME;
    }

    @Override
    Document predict(Document doc) {
        return model.predict(doc).document();
    }

    @Override
    public void close() {
        super.close();
        model.close();
    }
}
