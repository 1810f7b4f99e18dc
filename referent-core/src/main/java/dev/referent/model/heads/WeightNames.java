package dev.referent.model.heads;

import dev.referent.model.encoder.EncoderLayers;

/**
 * The names of the tensors in {@code heads.bin}, the one place both sides read them from: the runtime heads of this
 * package load them and the training networks of {@code referent-train} ({@code dev.referent.train.heads}) create
 * them under the same names, so a renamed tensor changes both sides at once. A dense layer named {@code L} is stored
 * as {@link #weight L.weight} ([out, in]) and {@link #bias L.bias}; a one-way LSTM named {@code L} as
 * {@code L.i2h.weight}, {@code L.h2h.weight} and their biases (PyTorch's layout and gate order). The strings are those
 * of the shipped models: changing one makes every existing {@code heads.bin} unreadable.
 */
public final class WeightNames {

    private WeightNames() {
    }

    // word head (WordHead / WordHeadNet): layer mix, attention pooling, projection, context LSTMs
    /** Softmax logits of the scalar mix of the encoder layers [layers]. */
    public static final String WORD_MIX = "word.mix";
    /** Scale of the scalar mix [1]. */
    public static final String WORD_MIX_SCALE = "word.mix.scale";
    /** Dense layer: attention score of each wordpiece within its word. */
    public static final String WORD_ATTENTION = "word.att";
    /** Dense layers: the two-layer projection from pooled word vectors x to the scorers' word vectors u. */
    public static final String WORD_PROJ1 = "word.proj1";
    public static final String WORD_PROJ2 = "word.proj2";
    /** One-way LSTMs over the document's words, forwards and backwards. */
    public static final String CONTEXT_FORWARD = "ctx.fwd";
    public static final String CONTEXT_BACKWARD = "ctx.bwd";

    // coarse scorer (RoughScorer / RoughScorerNet)
    /** Dense layer without bias: the bilinear form u_i W u_j. */
    public static final String ROUGH_BILINEAR = "rough.bilinear";
    /** Learned bias per token-distance bucket (the "distance" prior). */
    public static final String ROUGH_DISTANCE = "rough.distance";
    /** Learned bias per distance bucket and cheap cue (the "cues" prior). */
    public static final String ROUGH_PRIOR = "rough.prior";

    // fine pair scorer (AnaphoricityScorer / AnaphoricityScorerNet): first layer split by input block
    public static final String PAIR_ANAPHOR = "pair.a";
    public static final String PAIR_ANTECEDENT = "pair.b";
    public static final String PAIR_PRODUCT = "pair.c";
    public static final String PAIR_FEATURES = "pair.e";
    public static final String PAIR_HIDDEN = "pair.hidden";
    public static final String PAIR_OUT = "pair.out";

    // span predictor (SpanPredictor / SpanPredictorNet)
    public static final String SPAN_HEAD = "span.p";
    public static final String SPAN_TOKEN = "span.q";
    /** Embedding table of the clipped head-to-token distance [2 * maxDistance + 1, hidden]. */
    public static final String SPAN_DISTANCE = "span.dist";
    public static final String SPAN_OUT = "span.out";

    // POS tagger (PosTagger / PosTaggerNet)
    public static final String POS_OUT = "pos.out";

    // syntax head (SyntaxHead / SyntaxHeadNet), in its own file syntax.bin
    /** One-way LSTMs over each sentence's x, forwards and backwards (optional: a head without them reads x alone). */
    public static final String SYNTAX_CONTEXT_FORWARD = "syntax.ctx.fwd";
    public static final String SYNTAX_CONTEXT_BACKWARD = "syntax.ctx.bwd";
    /** Dense layer with ReLU: [x ; context] to [arc dependent ; arc head ; relation dependent ; relation head ; attributes]. */
    public static final String SYNTAX_INPUT = "syntax.input";
    /** Dense layer without bias: the arc scores' bilinear form U. */
    public static final String SYNTAX_ARC_BILINEAR = "syntax.arc.bilinear";
    /** Dense layer without bias, one output: each head's own arc score. */
    public static final String SYNTAX_ARC_PRIOR = "syntax.arc.prior";
    /** The root's head vector for the arc scores [arc width]. */
    public static final String SYNTAX_ARC_ROOT = "syntax.arc.root";
    /** The root's head vector for the relation scores [relation width]. */
    public static final String SYNTAX_REL_ROOT = "syntax.rel.root";
    /** Dense layer: relation logits from [dependent ; head ; dependent * head]. */
    public static final String SYNTAX_REL_OUT = "syntax.rel.out";

    /** Dense layer: the logits of one word attribute (Number, Gender, Entity, ...). */
    public static String syntaxAttribute(String attribute) {
        return "syntax.attr." + attribute;
    }

    /** Prefix of the fine-tuned encoder layers' parameters ({@link EncoderLayers}), followed by the graph's names. */
    public static final String ENCODER_LAYER = "encoder.layer.";

    /** A dense layer's weight matrix. */
    public static String weight(String layer) {
        return layer + ".weight";
    }

    /** A dense layer's bias vector. */
    public static String bias(String layer) {
        return layer + ".bias";
    }

    /** An LSTM's input-to-hidden part ({@code i2h}); its tensors are {@link #weight} and {@link #bias} of it. */
    public static String lstmInput(String lstm) {
        return lstm + ".i2h";
    }

    /** An LSTM's hidden-to-hidden part ({@code h2h}). */
    public static String lstmHidden(String lstm) {
        return lstm + ".h2h";
    }

    /** Parameter {@code part} (the graph's name, e.g. {@code attention.self.query.weight}) of encoder layer {@code layer}. */
    public static String encoderLayer(int layer, String part) {
        return ENCODER_LAYER + layer + "." + part;
    }
}
