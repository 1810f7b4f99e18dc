package dev.referent.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.referent.doc.Document;
import dev.referent.eval.io.GapExample;
import dev.referent.eval.score.CorefScorer;
import dev.referent.eval.score.GapScorer;
import dev.referent.model.CorefModel;
import dev.referent.model.encoder.EncoderLayers;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.PairwiseFeatures;
import dev.referent.model.heads.WeightNames;
import dev.referent.model.heads.Weights;
import dev.referent.train.heads.AnaphoricityScorerNet;
import dev.referent.train.heads.CorefLoss;
import dev.referent.train.heads.EncoderLayersNet;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.PosTaggerNet;
import dev.referent.train.heads.RoughScorerNet;
import dev.referent.train.heads.Scalars;
import dev.referent.train.heads.SpanPredictorNet;
import dev.referent.train.heads.WordHeadNet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;

/**
 * Trains the heads on cached encoder output: one document per step, Adam, and after every epoch the runtime
 * {@link CorefModel} is built from the current weights and scored on the dev split; the best epoch is kept.
 */
public final class Trainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** The outcome of training: best weights, runtime config and the score history. */
    public record Result(Weights weights, Properties config, int bestEpoch, double bestDevF1, List<Double> devF1,
                         List<Double> gapF1, List<Double> trainLoss, long millis, List<CorefExample> dev) {
    }

    private final TrainConfig config;
    private final NDManager manager;
    private final Params params;
    private final WordHeadNet wordHead;
    private final RoughScorerNet rough;
    private final AnaphoricityScorerNet pairs;
    /** Whether the pair features include the syntax head's (each example then carries its analysis). */
    private final boolean pairSyntax;
    /** Prefixes of the parameters kept as loaded ({@code freeze}). */
    private final List<String> frozen;
    private final SpanPredictorNet spans;
    private final PosTaggerNet pos;
    private final List<String> posLabels;
    private final Optimizer optimizer;
    /** The tuned encoder layers (null when the encoder is frozen), their optimizer and windowing. */
    private final EncoderLayersNet encoderLayers;
    private final Optimizer encoderOptimizer;
    private final WordEncoder windowing;
    private final int inputBlock;
    private final int topK;
    private int skipped;
    /** Optimisation steps of the whole run, for the linear learning-rate schedule. */
    private int totalSteps = 1;
    private long anaphors;
    private long anaphorsInTopK;
    private GapCheck gapCheck;
    /** Whether GAP rows' links are judged against each other ({@code gap_loss = relative}) or the dummy. */
    private final boolean relativeGapLoss;

    public Trainer(TrainConfig config, int hidden, List<String> posLabels) {
        this(config, hidden, posLabels, null);
    }

    /**
     * @param encoder the training encoder; needed when {@code tune_layers} > 0 (its fp32 graph gives the tuned
     *                layers' starting values, its windows the layout of the cached pieces)
     */
    public Trainer(TrainConfig config, int hidden, List<String> posLabels, WordEncoder encoder) {
        this.config = config;
        // settings are checked before any native memory is taken
        checkSettings(config);
        this.pairSyntax = config.flag("pair_syntax");
        this.frozen = config.list("freeze");
        this.relativeGapLoss = config.string("gap_loss").equals("relative");
        long seed = config.integer("seed");
        Engine.getInstance().setRandomSeed((int) seed);
        this.manager = NDManager.newBaseManager();
        this.params = new Params(manager, seed);
        float dropout = config.number("dropout");
        int wordDim = config.integer("word_dim");
        int[] layerList = WordEncoder.parseLayers(config.string("layers"));
        int layers = layerList == null ? 1 : layerList.length;
        this.wordHead = new WordHeadNet(params, hidden, layers, config.integer("proj_hidden"), wordDim, dropout,
                config.string("context").equals("lstm"), manager);
        this.rough = new RoughScorerNet(params, wordDim, config.string("rough_prior"));
        this.pairs = new AnaphoricityScorerNet(params, wordDim, config.integer("pair_hidden"), dropout,
                PairwiseFeatures.SIZE + (pairSyntax ? PairwiseFeatures.SYNTAX_SIZE : 0));
        this.spans = new SpanPredictorNet(params, wordDim, config.integer("span_hidden"), config.integer("span_max_distance"));
        this.posLabels = posLabels;
        this.pos = new PosTaggerNet(params, hidden, posLabels);
        float lr = config.number("learning_rate");
        String schedule = config.string("lr_schedule");
        if (!schedule.equals("fixed") && !schedule.equals("linear")) {
            throw new IllegalArgumentException("lr_schedule must be fixed or linear: " + schedule);
        }
        this.optimizer = adam(lr, schedule, config.number("clip_grad"));
        int tune = config.integer("tune_layers");
        if (tune > 0) {
            if (encoder == null || layerList == null) {
                throw new IllegalArgumentException("tune_layers needs the encoder and a layer mix (layers)");
            }
            int last = layerList[layerList.length - 1];
            for (int i = 0; i <= tune; i++) {
                // the mix must end with the layer below the tuned ones, then every tuned layer in order
                int at = layerList.length - 1 - tune + i;
                if (at < 0 || layerList[at] != last - tune + i) {
                    throw new IllegalArgumentException("tune_layers = " + tune + " needs layers to end with "
                            + (last - tune) + ".." + last + ": " + config.string("layers"));
                }
            }
            this.encoderOptimizer = adam(config.number("encoder_learning_rate"), schedule, config.number("clip_grad"));
            // layer number m (1 = first transformer layer) is encoder.layer.(m-1) in the graph
            this.encoderLayers = new EncoderLayersNet(params, manager, WordEncoder.graph(encoder.spec()), last - tune,
                    tune, encoder.spec().attentionHeads());
            this.windowing = encoder;
            this.inputBlock = layerList.length - 1 - tune;
        } else {
            this.encoderLayers = null;
            this.encoderOptimizer = null;
            this.windowing = null;
            this.inputBlock = -1;
        }
        String init = config.string("init_model");
        if (!init.isEmpty()) {
            try {
                if (pairSyntax) {
                    params.allowWider(WeightNames.PAIR_FEATURES); // the syntax head's features are new inputs
                }
                List<String> set = params.load(Weights.read(java.nio.file.Path.of(init).resolve("heads.bin")));
                LOG.info("continuing from {}: {} of {} parameters set", init, set.size(), params.arrays().size());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read init_model " + init, e);
            }
        }
        for (Map.Entry<String, NDArray> e : params.arrays().entrySet()) {
            if (isFrozen(e.getKey())) {
                e.getValue().setRequiresGradient(false); // kept as loaded: no gradient, no update
            }
        }
        if (!frozen.isEmpty()) {
            LOG.info("frozen (kept as loaded): parameters starting with {}", frozen);
        }
        this.topK = config.integer("topk");
        LOG.info("heads: {} parameters", params.count());
    }

    /** Adam with a fixed learning rate or one that decays linearly to 0 over the run (known once train() sees the data). */
    private Optimizer adam(float lr, String schedule, float clipGrad) {
        Tracker tracker = schedule.equals("fixed") ? Tracker.fixed(lr)
                : update -> lr * Math.max(0.02f, 1f - (float) update / Math.max(1, totalSteps));
        return Optimizer.adam().optLearningRateTracker(tracker).optClipGrad(clipGrad).build();
    }

    /** The POS label set of the training documents, sorted. */
    public static List<String> posLabels(List<CorefExample> examples) {
        TreeSet<String> labels = new TreeSet<>();
        for (CorefExample e : examples) {
            for (String t : e.xpos()) {
                if (t != null) {
                    labels.add(t);
                }
            }
        }
        return new ArrayList<>(labels);
    }

    /** One optimisation step on one document; returns its loss. */
    public float step(CorefExample ex) {
        return step(List.of(ex));
    }

    /** One optimisation step on a batch of documents (the mean of their losses); returns that loss. */
    public float step(List<CorefExample> batch) {
        int skippedBefore = skipped;
        try (NDManager step = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (CorefExample ex : batch) {
                NDArray l = documentLoss(step, ex);
                if (l != null) {
                    loss = loss == null ? l : loss.add(l);
                }
            }
            if (loss == null) {
                return 0f;
            }
            if (batch.size() > 1) {
                loss = loss.div(Scalars.of(step, batch.size()));
            }
            float value = loss.getFloat();
            if (!Float.isFinite(value)) {
                skipped++;
                LOG.warn("non-finite loss on {}; step skipped", ids(batch));
                return 0f;
            }
            gc.backward(loss);
            List<NDArray> grads = new ArrayList<>();
            List<String> trained = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : params.arrays().entrySet()) {
                if (!isFrozen(e.getKey())) { // frozen parameters compute no gradient (see the constructor)
                    grads.add(e.getValue().getGradient());
                    trained.add(e.getKey());
                }
            }
            List<String> broken = new ArrayList<>();
            String[] names = trained.toArray(new String[0]);
            for (int g = 0; g < grads.size(); g++) {
                // (an empty parameter, such as the POS output without tagged training data, has nothing to check;
                // the temporaries are closed: they belong to the parameters' manager, which lives all run)
                if (grads.get(g).getShape().size() > 0) {
                    try (NDArray abs = grads.get(g).abs(); NDArray max = abs.max()) {
                        if (!Float.isFinite(max.getFloat())) {
                            broken.add(names[g]);
                        }
                    }
                }
            }
            if (!broken.isEmpty()) {
                // a non-finite gradient would poison the weights for good: drop the whole step instead
                skipped++;
                LOG.warn("non-finite gradient of {} on {}; step skipped", broken, ids(batch));
                grads.forEach(NDArray::close);
                return value;
            }
            for (int g = 0; g < names.length; g++) {
                Optimizer o = encoderOptimizer != null && EncoderLayers.isEncoderParameter(names[g])
                        ? encoderOptimizer : optimizer;
                o.update(names[g], params.arrays().get(names[g]), grads.get(g));
            }
            grads.forEach(NDArray::close);
            return value;
        } finally {
            if (skipped != skippedBefore) {
                zeroGradients();
            }
        }
    }

    /**
     * Each word's weight in the antecedent loss: {@code weight} for a third-person pronoun (the words the resolved
     * text replaces, and the reflexives it replaces on request), 1 for the others; null when the weight is 1 (a plain
     * mean).
     */
    static float[] pronounWeights(dev.referent.doc.Document doc, float weight) {
        if (weight == 1f) {
            return null;
        }
        float[] w = new float[doc.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = dev.referent.doc.Pronoun.of(doc.token(i).text()).filter(dev.referent.doc.Pronoun::isThirdPerson)
                    .isPresent() ? weight : 1f;
        }
        return w;
    }

    /** Whether parameter {@code name} stays as loaded (a prefix of it is listed in {@code freeze}). */
    private boolean isFrozen(String name) {
        for (String prefix : frozen) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String ids(List<CorefExample> batch) {
        return batch.size() == 1 ? batch.get(0).doc().id() : batch.get(0).doc().id() + " and " + (batch.size() - 1) + " more";
    }

    /** The loss of one document (null when it has fewer than two words): coreference, spans and POS, or its links. */
    private NDArray documentLoss(NDManager step, CorefExample ex) {
        int n = ex.size();
        if (n < 2) {
            return null;
        }
        NDArray[] xu = wordHead.forward(step, ex.encoded(), true, tunedLayers(step, ex.encoded()));
        NDArray x = xu[0];
        NDArray u = xu[1];
        // gold: training features see gold POS (noun number), inference sees none or predicted ones
        if (pairSyntax && ex.syntax() == null) {
            throw new IllegalStateException(ex.doc().id() + ": pair_syntax needs each document's syntax analysis");
        }
        PairwiseFeatures features = new PairwiseFeatures(ex.doc(),
                config.string("pair_feature_tags").equals("gold") && !ex.isPartial() ? ex.xpos() : null,
                pairSyntax ? ex.syntax() : null);
        NDArray roughScores = rough.forward(step, u, features);
        if (ex.isPartial()) {
            return GapLoss.loss(step, pairs, u, roughScores, features, ex, relativeGapLoss)
                    .mul(Scalars.of(step, config.number("gap_weight")));
        }
        int k = topK;
        boolean[][] valid = new boolean[n][];
        int[][] idx = RoughScorerNet.topK(roughScores.toFloatArray(), n, k, valid);
        long[] flat = new long[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                flat[i * k + j] = idx[i][j];
            }
        }
        NDArray roughTop = roughScores.gather(step.create(flat, new Shape(n, k)), 1);
        GoldAntecedents.TopK targets = GoldAntecedents.topK(n, ex.wordCluster(), idx, valid, k, features);
        anaphors += targets.anaphors();
        anaphorsInTopK += targets.anaphorsInTopK();
        NDArray fine = pairs.forward(step, u, idx, targets.phi(), true);
        NDArray scores = fine.add(roughTop).add(step.create(targets.candidateMask(), new Shape(n, k)));
        NDArray logits = step.zeros(new Shape(n, 1)).concat(scores, 1);
        NDArray corefLoss = CorefLoss.loss(step, logits, targets.gold(), targets.validMask(), config.number("bce_weight"),
                pronounWeights(ex.doc(), config.number("pronoun_weight")));
        NDArray spanLoss = ex.spans().isEmpty() ? step.zeros(new Shape()) : spans.loss(step, ex.doc(), u, ex.spans());
        NDArray posLoss = pos.loss(step, x, ex.xpos());
        NDArray loss = corefLoss.add(spanLoss.mul(Scalars.of(step, config.number("span_weight"))))
                .add(posLoss.mul(Scalars.of(step, config.number("pos_weight"))));
        if (config.number("rough_weight") > 0) {
            // only built when used: a branch multiplied by 0 still carries NaN from any non-finite local gradient
            loss = loss.add(roughLoss(step, roughScores, ex).mul(Scalars.of(step, config.number("rough_weight"))));
        }
        return loss;
    }

    /**
     * PyTorch adds each backward pass to the parameters' gradients; DJL's Adam clears a gradient when it updates
     * the parameter, but a skipped step updates nothing, and its non-finite gradient would then be added to by every
     * later step (all of them skipped in turn). Filled with 0: subtracting a non-finite value from itself gives NaN.
     */
    private void zeroGradients() {
        for (NDArray p : params.arrays().values()) {
            if (p.hasGradient() && p.getShape().size() > 0) {
                try (NDArray g = p.getGradient()) {
                    g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
                }
            }
        }
    }

    /** Outputs of the tuned encoder layers for one document, or null when the encoder is frozen. */
    private NDArray[] tunedLayers(NDManager step, WordEncoder.Encoded enc) {
        if (encoderLayers == null || enc.pieceCount() == 0) {
            return null;
        }
        return encoderLayers.forward(step, enc, inputBlock, windowing);
    }

    /**
     * The examples with their encodings as the current tuned layers produce them (the examples themselves when the
     * encoder is frozen): what the runtime model sees once the tuned layers are written into the graph.
     */
    public List<CorefExample> withCurrentEncoder(List<CorefExample> examples) {
        if (encoderLayers == null) {
            return examples;
        }
        List<CorefExample> out = new ArrayList<>(examples.size());
        for (CorefExample ex : examples) {
            WordEncoder.Encoded enc = ex.encoded();
            try (NDManager step = manager.newSubManager()) {
                NDArray[] tuned = tunedLayers(step, enc);
                if (tuned == null) {
                    out.add(ex);
                    continue;
                }
                float[] pieces = enc.pieces().clone();
                int block = enc.pieceCount() * enc.hidden();
                for (int i = 0; i < tuned.length; i++) {
                    float[] values = tuned[i].toFloatArray();
                    System.arraycopy(values, 0, pieces, (enc.layers() - tuned.length + i) * block, block);
                }
                WordEncoder.Encoded replaced = new WordEncoder.Encoded(pieces, enc.layers(), enc.pieceCount(),
                        enc.hidden(), enc.wordStart(), enc.wordEnd(), enc.specials());
                out.add(ex.withEncoded(replaced));
            }
        }
        return out;
    }

    /**
     * The coarse scorer's own loss: marginal likelihood of the gold antecedents among all earlier words (dummy gold
     * when there is none). Without it the coarse scorer only learns from the candidates it already ranks in its top
     * k, and gold antecedents outside them are never pulled up.
     */
    private static NDArray roughLoss(NDManager step, NDArray roughScores, CorefExample ex) {
        int n = ex.size();
        GoldAntecedents.AllEarlier targets = GoldAntecedents.allEarlier(n, ex.wordCluster());
        NDArray logits = step.zeros(new Shape(n, 1)).concat(roughScores, 1);
        return CorefLoss.loss(step, logits, targets.gold(), targets.valid(), 0f);
    }

    /** The runtime configuration that goes with the weights. */
    public Properties runtimeConfig(String name, EncoderSpec encoder) {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("encoder", encoder.name());
        p.setProperty("overlap", config.string("overlap"));
        if (!config.string("layers").isEmpty()) {
            p.setProperty("layers", config.string("layers").replace(" ", ""));
        }
        p.setProperty("topk", config.string("topk"));
        p.setProperty("link.repeated_names", Boolean.toString(config.flag("repeated_names")));
        p.setProperty("pos.tags", "false");
        p.setProperty("pos.labels", String.join(" ", posLabels)); // tags include "," so they are space-separated
        p.putAll(runtimeSettings(config));
        return p;
    }

    /**
     * Checks the settings a run needs consistent before anything is encoded: a run whose pair scorer or decoding
     * rules read the syntax head keeps the layers the head reads (x) frozen, and {@code gap_loss} is known.
     *
     * @throws IllegalArgumentException naming the setting
     */
    public static void checkSettings(TrainConfig config) {
        boolean pairSyntax = config.flag("pair_syntax");
        if (pairSyntax || CorefModel.decodingReadsSyntax(runtimeSettings(config))) {
            // the syntax analyses are computed once, from x as loaded, and the model carries the head trained on
            // that x: the layers x comes from must not move
            List<String> frozen = config.list("freeze");
            for (String needed : List.of(WeightNames.WORD_MIX, WeightNames.WORD_ATTENTION, WeightNames.ENCODER_LAYER)) {
                if (!frozen.contains(needed)) {
                    throw new IllegalArgumentException((pairSyntax ? "pair_syntax" : "runtime_settings "
                            + config.string("runtime_settings") + " (a decoding rule that reads the syntax head)")
                            + " needs freeze to list " + needed
                            + " (the analyses are of the word vectors as loaded); freeze = " + frozen);
                }
            }
        }
        if (!List.of("absolute", "relative").contains(config.string("gap_loss"))) {
            throw new IllegalArgumentException("gap_loss must be absolute or relative, not " + config.string("gap_loss"));
        }
    }

    /** The experiment's {@code runtime_settings} (KEY=VALUE;...) as model settings. */
    public static Properties runtimeSettings(TrainConfig config) {
        Properties p = new Properties();
        for (String kv : config.string("runtime_settings").split(";")) {
            if (!kv.isBlank()) {
                String[] pair = kv.split("=", 2);
                if (pair.length != 2 || !CorefModel.SETTINGS.contains(pair[0].strip())) {
                    throw new IllegalArgumentException("runtime_settings: '" + kv + "' is not KEY=VALUE of a model setting "
                            + CorefModel.SETTINGS);
                }
                p.setProperty(pair[0].strip(), pair[1].strip());
            }
        }
        return p;
    }

    /** CoNLL-F1 (0..1) of given weights on {@code dev} (through {@link #withCurrentEncoder}), predicted by the runtime model. */
    public static double evaluate(List<CorefExample> dev, Properties runtime, Weights weights, WordEncoder encoder) {
        CorefModel model = CorefModel.withEncoder(runtime, weights, encoder);
        List<Document> predicted = new ArrayList<>();
        List<Document> gold = new ArrayList<>();
        for (CorefExample ex : dev) {
            predicted.add(model.predict(ex.doc(), ex.encoded(), ex.syntax()).document());
            gold.add(ex.doc());
        }
        return new CorefScorer().score(gold, predicted).conllF1();
    }

    public Result train(List<CorefExample> train, List<CorefExample> dev, String name, WordEncoder encoder) {
        return train(train, dev, name, encoder, r -> { });
    }

    /** Trains; {@code onImprovement} receives the result so far each time the dev score improves. */
    public Result train(List<CorefExample> train, List<CorefExample> dev, String name, WordEncoder encoder,
                        java.util.function.Consumer<Result> onImprovement) {
        long t0 = System.currentTimeMillis();
        Properties runtime = runtimeConfig(name, encoder.spec());
        Random shuffle = new Random(config.integer("seed"));
        List<CorefExample> order = new ArrayList<>(train);
        List<Double> devF1 = new ArrayList<>();
        List<Double> gapF1 = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        Weights best = params.export();
        List<CorefExample> bestDev = dev;
        double bestF1 = -1;
        int bestEpoch = 0;
        int epochs = config.integer("epochs");
        totalSteps = epochs * stepsPerEpoch(order);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<List<CorefExample>> steps = batches(order, shuffle);
            double total = 0;
            long e0 = System.currentTimeMillis();
            for (List<CorefExample> batch : steps) {
                total += step(batch);
            }
            double mean = total / Math.max(1, steps.size());
            losses.add(mean);
            Weights current = params.export();
            List<CorefExample> devNow = withCurrentEncoder(dev);
            double f1 = dev.isEmpty() ? 0 : evaluate(devNow, runtime, current, encoder);
            devF1.add(f1);
            String gap = "";
            if (gapCheck != null) {
                double g = gapF1(withCurrentEncoder(gapCheck.examples()), gapCheck.rows(), runtime, current, encoder);
                gapF1.add(g);
                gap = String.format(" held-out GAP-F1 %.2f", 100 * g);
            }
            LOG.info("epoch {}/{}: train loss {} dev CoNLL-F1 {}{} ({} s); gold antecedent in top-k for {}% of anaphors",
                    epoch, epochs, String.format("%.4f", mean), String.format("%.2f", 100 * f1), gap,
                    (System.currentTimeMillis() - e0) / 1000, anaphors == 0 ? 0 : 100 * anaphorsInTopK / anaphors);
            anaphors = 0;
            anaphorsInTopK = 0;
            if (f1 > bestF1) {
                bestF1 = f1;
                bestEpoch = epoch;
                best = current;
                bestDev = devNow;
                onImprovement.accept(new Result(best, runtime, bestEpoch, bestF1, List.copyOf(devF1), List.copyOf(gapF1),
                        List.copyOf(losses), System.currentTimeMillis() - t0, bestDev));
            }
        }
        return new Result(best, runtime, bestEpoch, bestF1, devF1, gapF1, losses, System.currentTimeMillis() - t0, bestDev);
    }

    /**
     * One epoch's steps in a shuffled order: a fully annotated document is a step of its own; partially labelled
     * ones (a GAP row is a short paragraph with two labels) go {@code gap_batch} to a step, so that they do not
     * outnumber the full documents' updates.
     */
    private List<List<CorefExample>> batches(List<CorefExample> examples, Random shuffle) {
        List<CorefExample> partial = new ArrayList<>();
        List<List<CorefExample>> steps = new ArrayList<>();
        for (CorefExample ex : examples) {
            if (ex.isPartial()) {
                partial.add(ex);
            } else {
                steps.add(List.of(ex));
            }
        }
        Collections.shuffle(partial, shuffle);
        int size = gapBatch();
        for (int i = 0; i < partial.size(); i += size) {
            steps.add(List.copyOf(partial.subList(i, Math.min(partial.size(), i + size))));
        }
        Collections.shuffle(steps, shuffle);
        return steps;
    }

    /** How many steps {@link #batches} makes of {@code examples}, without building them. */
    private int stepsPerEpoch(List<CorefExample> examples) {
        int partial = (int) examples.stream().filter(CorefExample::isPartial).count();
        return examples.size() - partial + (partial + gapBatch() - 1) / gapBatch();
    }

    private int gapBatch() {
        return Math.max(1, config.integer("gap_batch"));
    }

    /** Held-out GAP rows (with their encodings) scored after every epoch, for the log and the manifest. */
    public record GapCheck(List<CorefExample> examples, List<GapExample> rows) {
    }

    /** Scores {@code check} after every epoch (it does not choose the epoch: OntoGUM dev does). */
    public void checkGapOn(GapCheck check) {
        this.gapCheck = check;
    }

    /** GAP F1 (0..1) of given weights on GAP rows, predicted by the runtime model from the rows' encodings. */
    public static double gapF1(List<CorefExample> examples, List<GapExample> rows, Properties runtime, Weights weights,
                               WordEncoder encoder) {
        CorefModel model = CorefModel.withEncoder(runtime, weights, encoder);
        Map<String, GapScorer.Prediction> predictions = new java.util.HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            CorefExample ex = examples.get(i);
            Document predicted = model.predict(ex.doc(), ex.encoded(), ex.syntax()).document();
            predictions.put(rows.get(i).id(), GapScorer.Prediction.fromClusters(predicted, rows.get(i)));
        }
        return new GapScorer().score(rows, predictions).overall().f1();
    }

    public Params params() {
        return params;
    }

    @Override
    public void close() {
        manager.close();
    }
}
