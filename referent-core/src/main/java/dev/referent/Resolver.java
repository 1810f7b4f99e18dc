package dev.referent;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Document;
import dev.referent.doc.WordSyntax;
import dev.referent.model.Cancellation;
import dev.referent.model.CorefModel;
import dev.referent.rewrite.CalibratedConfidence;
import dev.referent.rewrite.ReplacementConfidence;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.Rewriter;
import dev.referent.text.TextAnalyzer;

/**
 * The whole pipeline for one article: text -> {@link Document} -> coreference model -> resolved text. This is what
 * the command line, the batch runner, the HTTP service and the Spark job call. Thread-safe: one instance (and its one
 * model) serves all threads.
 */
public final class Resolver {

    /**
     * The outcome for one article: the rewriting result (document with clusters, whose mentions carry their link
     * confidence, text, replacements).
     */
    public record Resolved(Rewriter.Result result, String model, AntecedentScores antecedents, WordSyntax syntax) {

        /** An outcome without an antecedent distribution or syntax (gold clusters, tests). */
        public Resolved(Rewriter.Result result, String model) {
            this(result, model, AntecedentScores.NONE, WordSyntax.NONE);
        }

        public String text() {
            return result.text();
        }

        public Document document() {
            return result.document();
        }
    }

    /**
     * The longest text resolved, in characters ({@link String#length()}; the default of {@code batch --max-chars}).
     * Memory is bounded by the encoder's window, not by the text, but the per-word vectors, candidates and the
     * document itself still grow with it: up to this length one document stays below 1.5 GB of heap
     * (docs/BENCHMARKS.md, "Long documents").
     */
    public static final int MAX_CHARS = 1_000_000;

    private final CorefModel model;
    private final TextAnalyzer analyzer = new TextAnalyzer();
    private final Rewriter rewriter = new Rewriter();
    private final RewriteOptions options;
    /** The model's fitted replacement confidence, or null: then a replacement is judged by its link confidence. */
    private final CalibratedConfidence.Weights calibration;

    public Resolver(CorefModel model, RewriteOptions options) {
        this.model = model;
        this.options = options;
        // a null model serves only the checks that come before any model work (ResolverLimitTest)
        this.calibration = model == null ? null : model.confidenceCalibration()
                .map(p -> CalibratedConfidence.Weights.from(p, "model " + model.name() + " " + CorefModel.CONFIDENCE_FILE))
                .orElse(null);
    }

    public Resolved resolve(String id, String text) {
        return resolve(id, text, options);
    }

    /** Resolves with other rewriting options than this resolver's own (a service takes them per request). */
    public Resolved resolve(String id, String text, RewriteOptions options) {
        return resolve(id, text, options, Cancellation.NONE);
    }

    /**
     * Resolves and stops early, with {@link java.util.concurrent.CancellationException}, once {@code cancellation}
     * says so (checked between encoder windows and blocks of pair scores).
     */
    public Resolved resolve(String id, String text, RewriteOptions options, Cancellation cancellation) {
        checkLength(text);
        return resolve(analyzer.analyze(id, text), options, cancellation);
    }

    /**
     * Resolves a document that is already tokenised (evaluation on gold tokens takes this path, so that it measures
     * exactly what users get from text).
     */
    public Resolved resolve(Document doc, RewriteOptions options, Cancellation cancellation) {
        return rewrite(model.predict(doc, cancellation), options);
    }

    /**
     * The rewriting half of {@link #resolve}: resolved text from a prediction already made (evaluation scores the
     * clusters and judges the rewriting of one prediction, rather than predicting twice).
     */
    public Resolved rewrite(CorefModel.Prediction prediction, RewriteOptions options) {
        WordSyntax syntax = prediction.syntax() == null ? WordSyntax.NONE : prediction.syntax();
        ReplacementConfidence confidence = calibration == null
                ? ReplacementConfidence.linkConfidence()
                : new CalibratedConfidence(calibration, prediction.antecedents(), syntax);
        Rewriter.Result result = rewriter.rewrite(prediction.document(), confidence, options);
        return new Resolved(result, model.name(), prediction.antecedents(), syntax);
    }

    /**
     * Throws {@link InputTooLongException} when {@code text} is over {@link #MAX_CHARS}; every entry point (command
     * line, batch, service, Spark) goes through {@link #resolve}, which calls this first, and may call it earlier
     * to refuse a text before reading or queueing more of it.
     */
    public static void checkLength(CharSequence text) {
        if (text.length() > MAX_CHARS) {
            throw new InputTooLongException(text.length(), MAX_CHARS);
        }
    }

    public CorefModel model() {
        return model;
    }

    public RewriteOptions options() {
        return options;
    }
}
