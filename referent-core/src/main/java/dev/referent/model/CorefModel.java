package dev.referent.model;

import dev.referent.doc.AntecedentScores;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Token;
import dev.referent.model.decode.Clusterer;
import dev.referent.model.decode.EntityAgreement;
import dev.referent.model.decode.RepeatedNames;
import dev.referent.model.encoder.EncoderCheck;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.AnaphoricityScorer;
import dev.referent.model.heads.NameCandidates;
import dev.referent.model.heads.PairwiseFeatures;
import dev.referent.model.heads.PosTagger;
import dev.referent.model.heads.RoughScorer;
import dev.referent.model.heads.SyntaxHead;
import dev.referent.model.heads.SpanPredictor;
import dev.referent.model.heads.Weights;
import dev.referent.model.heads.WordHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The word-level coreference model (after Dobrovolskii 2021, "Word-level coreference resolution") at inference:
 * encoder -> word representations -> coarse antecedent scores (top k) -> fine pair scores -> antecedent per word
 * (or none) -> clusters of head words -> span predictor expands heads to mentions. Also tags words with Penn
 * Treebank POS. Deterministic and thread-safe: one instance serves all threads.
 *
 * <p>A model directory holds {@code config.properties} (encoder, window overlap, k, POS labels) and {@code
 * heads.bin} ({@link Weights}); {@code manifest.json} documents how it was trained.
 */
public final class CorefModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CorefModel.class);

    /** Classpath folder of the default model (packed into the CLI jar from {@code models/default}). */
    public static final String DEFAULT_RESOURCE = "/referent-models/default/";

    /**
     * What the model predicts for one document.
     *
     * @param document the document with its clusters; each clustered mention carries its link probability (its best
     *                 link, as anaphor or as antecedent) as {@link Mention#linkConfidence()}
     * @param antecedents each word's antecedent distribution, for judging replacements beyond the best link
     * @param syntax the syntax head's analysis (predicted heads, relations, attributes), null when the model has no
     *               syntax head
     */
    public record Prediction(Document document, String[] xpos, AntecedentScores antecedents,
                             SyntaxHead.Analysis syntax) {
    }

    /** How model files are opened: from a directory or from the classpath. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String file) throws IOException;

        static Source directory(Path dir) {
            return file -> Files.newInputStream(dir.resolve(file));
        }

        static Source classpath(String folder) {
            return file -> {
                InputStream in = CorefModel.class.getResourceAsStream(folder + file);
                if (in == null) {
                    throw new IOException("model file " + folder + file + " is not on the classpath");
                }
                return in;
            };
        }
    }

    /** The keys a model's config.properties may hold. */
    public static final Set<String> SETTINGS = Set.of("name", "encoder", "overlap", "layers", "topk", "link.threshold",
            "link.repeated_names", "link.agreement", "heads.onnx", "candidates.margin", "pos.tags", "pos.labels",
            "candidates.max_distance", "candidates.names", "link.binding", "link.expletives", "syntax",
            "link.pronoun_chains", "link.unlinked_names", "link.word_agreement");

    /** The syntax head's files in a model directory (optional: a model without them predicts no syntax). */
    public static final String SYNTAX_WEIGHTS = "syntax.bin";
    public static final String SYNTAX_LABELS = "syntax.properties";
    /** The longest stretch of words the syntax head analyses as one sentence (its arc scores grow with the square). */
    static final int SYNTAX_MAX_SENTENCE = 200;

    /**
     * Default of {@code candidates.max_distance}: how many words back the coarse scorer looks for antecedents. Above
     * the longest OntoGUM document of any split (1,878 words, train; dev 1,247), whose candidates reach back to the
     * first word, so no OntoGUM score changes and the model never meets a distance it was not trained on; a
     * 200,000-word document costs the bound per word instead of the whole document.
     */
    public static final int DEFAULT_MAX_DISTANCE = 2048;

    private final String name;
    private final WordEncoder encoder;
    private final boolean ownsEncoder;
    private final WordHead wordHead;
    private final RoughScorer rough;
    private final AnaphoricityScorer pairs;
    private final PosTagger tagger;
    private final int topK;
    /** Candidate antecedents are at most this many words before a word ({@code candidates.max_distance}). */
    private final int maxDistance;
    /** Candidates whose coarse score trails their word's best by more than this are not scored further. */
    private final float candidateMargin;
    /** Earlier words a proper name matches, added to the coarse top k whatever their distance ({@code candidates.names}). */
    private final NameCandidates names;
    /** The antecedent choice against the link threshold and the decoding steps ({@link RepeatedNames}). */
    private final Clusterer clusterer;
    /** Whether predicted POS tags are put on the tokens and used by the pair features. */
    private final boolean applyTags;
    private final Properties config;
    /** Set once by {@link #load}, before the model is shared. */
    private Properties confidenceCalibration;
    /** The syntax head, null when the model has none or the {@code syntax} setting is false. */
    private SyntaxHead syntax;
    /** Threads for the heads of one document (the pair scorer's word blocks); null: the calling thread only. */
    private final java.util.concurrent.ForkJoinPool pool;

    /**
     * The runtime settings of {@code config.properties}, parsed and checked before anything heavy is read or loaded,
     * so that a malformed value fails in milliseconds and never after an ONNX session exists.
     */
    private record Settings(int topK, int maxDistance, NameCandidates names, float linkThreshold,
                            boolean repeatedNames, EntityAgreement agreement, boolean onnxHeads, float candidateMargin,
                            boolean applyTags, double overlap, int[] layers, boolean binding, boolean expletives,
                            boolean syntax, Clusterer.PronounChains pronounChains, boolean unlinkedNames,
                            EntityAgreement wordAgreement) {

        static Settings of(Properties config) {
            return new Settings(
                    setting(config, "topk", "30", Integer::parseInt, "a whole number"),
                    setting(config, "candidates.max_distance", String.valueOf(DEFAULT_MAX_DISTANCE),
                            CorefModel::parsePositive, "a whole number of at least 1"),
                    setting(config, "candidates.names", "false", NameCandidates::of,
                            "true, false or a comma-separated list of " + NameCandidates.ruleNames()),
                    setting(config, "link.threshold", "0", Float::parseFloat, "a number"),
                    setting(config, "link.repeated_names", "false", CorefModel::parseFlag, "true or false"),
                    setting(config, "link.agreement", "none", EntityAgreement::of,
                            "a comma-separated list of " + EntityAgreement.ruleNames() + " or none"),
                    setting(config, "heads.onnx", "true", CorefModel::parseFlag, "true or false"),
                    setting(config, "candidates.margin", "Infinity", CorefModel::parseMargin,
                            "a positive number or Infinity"),
                    setting(config, "pos.tags", "true", CorefModel::parseFlag, "true or false"),
                    setting(config, "overlap", "0.25", CorefModel::parseOverlap, "a number in [0, 1)"),
                    CorefModel.layers(config),
                    setting(config, "link.binding", "false", CorefModel::parseFlag, "true or false"),
                    setting(config, "link.expletives", "false", CorefModel::parseFlag, "true or false"),
                    setting(config, "syntax", "true", CorefModel::parseFlag, "true or false"),
                    setting(config, "link.pronoun_chains", "false", Clusterer.PronounChains::of,
                            "false, pronouns (or true) or unnamed"),
                    setting(config, "link.unlinked_names", "false", CorefModel::parseFlag, "true or false"),
                    setting(config, "link.word_agreement", "none", EntityAgreement::of,
                            "a comma-separated list of " + EntityAgreement.ruleNames() + " or none"));
        }

        Clusterer.Rules rules() {
            return new Clusterer.Rules(agreement, wordAgreement, binding, expletives, pronounChains, unlinkedNames);
        }

        boolean decodingReadsSyntax() {
            return rules().readSyntax();
        }
    }

    /**
     * Whether the decoding rules these runtime settings turn on read the syntax head's analysis (binding, expletives,
     * unlinked names, the typed agreement rules); training then needs the analyses of the documents it selects on, or
     * it chooses its epoch and link threshold without the rules the model will run with.
     *
     * @throws IllegalArgumentException for a malformed setting
     */
    public static boolean decodingReadsSyntax(Properties config) {
        return Settings.of(config).decodingReadsSyntax();
    }

    private CorefModel(Properties config, Settings settings, Weights weights, WordEncoder encoder, boolean ownsEncoder,
                       int threads) {
        this.config = config;
        this.name = config.getProperty("name", "unnamed");
        this.encoder = encoder;
        this.ownsEncoder = ownsEncoder;
        if (WordHead.layers(weights) != encoder.layers().length) {
            throw new IllegalArgumentException("model " + name + " mixes " + WordHead.layers(weights) + " encoder layers, its "
                    + "encoder returns " + encoder.layers().length);
        }
        this.tagger = new PosTagger(weights, config.getProperty("pos.labels", "").strip().split(" +"));
        this.topK = settings.topK();
        this.maxDistance = settings.maxDistance();
        this.candidateMargin = settings.candidateMargin();
        this.names = settings.names();
        this.clusterer = new Clusterer(new SpanPredictor(weights), settings.linkThreshold(),
                settings.repeatedNames() ? List.of(RepeatedNames::link) : List.of(),
                settings.rules());
        this.applyTags = settings.applyTags();
        // last: native sessions; one that fails to build closes those built before it (no model owns them yet)
        WordHead builtWordHead = null;
        RoughScorer builtRough = null;
        try {
            builtWordHead = new WordHead(weights, settings.onnxHeads());
            builtRough = new RoughScorer(weights, settings.onnxHeads());
            this.pairs = new AnaphoricityScorer(weights, settings.onnxHeads());
        } catch (RuntimeException | Error e) {
            for (AutoCloseable built : new AutoCloseable[] {builtRough, builtWordHead}) {
                try {
                    if (built != null) {
                        built.close();
                    }
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        this.wordHead = builtWordHead;
        this.rough = builtRough;
        this.pool = threads > 1 ? new java.util.concurrent.ForkJoinPool(threads) : null;
    }

    /** The optional file of a model directory with the fitted replacement-confidence weights. */
    public static final String CONFIDENCE_FILE = "confidence.properties";

    /** Loads a model; its encoder is loaded from the classpath with {@code threads} ONNX Runtime threads. */
    public static CorefModel load(Source source, int threads) {
        return load(source, threads, null);
    }

    /**
     * Loads a model with another encoder than the one it was trained with (for example the int8 twin of the same
     * encoder); {@code encoderOverride} null keeps the model's own.
     */
    public static CorefModel load(Source source, int threads, String encoderOverride) {
        return load(source, threads, encoderOverride, Map.of());
    }

    /**
     * Loads a model with some of its runtime settings replaced ({@code link.threshold}, {@code link.repeated_names},
     * {@code topk}, ...), for measuring what each one contributes; the weights stay the model's own.
     */
    public static CorefModel load(Source source, int threads, String encoderOverride, Map<String, String> settings) {
        Properties config = readConfig(source);
        settings.forEach((key, value) -> {
            if (!SETTINGS.contains(key)) {
                throw new IllegalArgumentException("unknown model setting '" + key + "'; settings: " + new TreeSet<>(SETTINGS));
            }
            config.setProperty(key, value);
        });
        if (encoderOverride != null) {
            config.setProperty("encoder", encoderOverride);
            config.setProperty("name", config.getProperty("name", "unnamed") + "+" + encoderOverride);
        }
        // every setting is checked first: a malformed one must not cost (or leak) an encoder session
        Settings parsed = Settings.of(config);
        EncoderSpec spec = EncoderSpec.byName(config.getProperty("encoder"));
        Weights weights = readWeights(source);
        Properties calibration = readOptional(source, CONFIDENCE_FILE);
        EncoderCheck.verify(spec, source, config.getProperty("name", "unnamed")); // the encoder the manifest names
        long t0 = System.nanoTime();
        // fine-tuned encoder layers travel in the weights file and are written into the graph before it is loaded
        WordEncoder encoder = WordEncoder.load(spec, threads, parsed.overlap(), parsed.layers(), weights);
        LOG.debug("encoder {} loaded in {} ms", spec.name(), (System.nanoTime() - t0) / 1_000_000);
        CorefModel model = null;
        try {
            model = new CorefModel(config, parsed, weights, encoder, true, threads);
            model.confidenceCalibration = calibration;
            model.syntax = parsed.syntax() ? readSyntax(source, parsed.onnxHeads(), spec.hidden()) : null;
        } catch (RuntimeException | Error e) {
            // the model owns the encoder once it exists; before that the encoder is closed alone
            try {
                if (model != null) {
                    model.close();
                } else {
                    encoder.close();
                }
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        if (model.syntax == null && model.pairs.readsSyntax()) {
            model.close();
            throw new IllegalArgumentException("model " + model.name + ": its pair scorer reads the syntax head's "
                    + "features; the model directory needs " + SYNTAX_WEIGHTS + " and " + SYNTAX_LABELS
                    + (parsed.syntax() ? "" : ", and the setting syntax=true"));
        }
        if (model.syntax == null && parsed.decodingReadsSyntax()) {
            LOG.warn("model {} runs without a syntax head ({}): the settings that read it have nothing to read",
                    model.name, parsed.syntax() ? SYNTAX_WEIGHTS + " missing" : "syntax=false");
        }
        return model;
    }

    /** The model's syntax head, or null when it has none; its input must be the encoder's width (x). */
    private static SyntaxHead readSyntax(Source source, boolean onnx, int xWidth) {
        Properties labels = readOptional(source, SYNTAX_LABELS);
        if (labels == null) {
            return null;
        }
        SyntaxHead head;
        try (InputStream in = source.open(SYNTAX_WEIGHTS)) {
            head = SyntaxHead.load(Weights.read(in, SYNTAX_WEIGHTS), labels, onnx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + SYNTAX_WEIGHTS, e);
        }
        if (head.inputDim() != xWidth) {
            head.close();
            throw new IllegalArgumentException(SYNTAX_WEIGHTS + " reads word vectors of " + head.inputDim()
                    + " values; this model's encoder gives " + xWidth + " (a syntax head trained for another encoder)");
        }
        return head;
    }

    /** A properties file of the model directory, or null when it has none. */
    private static Properties readOptional(Source source, String file) {
        Properties p = new Properties();
        try (InputStream in = source.open(file)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return p;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("is not on the classpath")) {
                return null;
            }
            throw new UncheckedIOException("cannot read model " + file, e);
        }
    }

    /**
     * The model's fitted replacement-confidence weights ({@value #CONFIDENCE_FILE}), empty when the model has none
     * (the rewriter then judges a replacement by the mention's link confidence).
     */
    public java.util.Optional<Properties> confidenceCalibration() {
        return java.util.Optional.ofNullable(confidenceCalibration);
    }

    /** The encoder layers named by the {@code layers} property (comma-separated, 0 = embeddings); null: the last. */
    public static int[] layers(Properties config) {
        return WordEncoder.parseLayers(config.getProperty("layers"));
    }

    /** A model around an encoder the caller owns (training evaluates many head checkpoints with one encoder). */
    public static CorefModel withEncoder(Properties config, Weights weights, WordEncoder encoder) {
        return new CorefModel(config, Settings.of(config), weights, encoder, false, 1);
    }

    /** The default model shipped on the classpath. */
    public static CorefModel loadDefault(int threads) {
        return load(Source.classpath(DEFAULT_RESOURCE), threads, null);
    }

    public static boolean defaultAvailable() {
        return CorefModel.class.getResource(DEFAULT_RESOURCE + "config.properties") != null;
    }

    /** Setting {@code key} read by {@code parser}; a malformed value is an error that names the setting. */
    private static <T> T setting(Properties config, String key, String fallback, Function<String, T> parser,
                                 String expected) {
        String value = config.getProperty(key, fallback).strip();
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("model setting " + key + ": '" + value + "' is not " + expected);
        }
    }

    private static int parsePositive(String value) {
        int v = Integer.parseInt(value);
        if (v < 1) {
            throw new IllegalArgumentException(value);
        }
        return v;
    }

    private static float parseMargin(String value) {
        float v = Float.parseFloat(value);
        if (!(v > 0)) {
            throw new IllegalArgumentException(value);
        }
        return v;
    }

    private static double parseOverlap(String value) {
        double v = Double.parseDouble(value);
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(value);
        }
        return v;
    }

    private static boolean parseFlag(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(value);
        }
        return Boolean.parseBoolean(value);
    }

    static Properties readConfig(Source source) {
        Properties p = new Properties();
        try (InputStream in = source.open("config.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config.properties", e);
        }
        return p;
    }

    static Weights readWeights(Source source) {
        try (InputStream in = source.open("heads.bin")) {
            return Weights.read(in, "heads.bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model heads.bin", e);
        }
    }

    public String name() {
        return name;
    }

    public Properties config() {
        return config;
    }

    public WordEncoder encoder() {
        return encoder;
    }

    /** Predicts clusters for {@code doc} (its tokens are kept; POS tags are set from the tagger). */
    public Prediction predict(Document doc) {
        return predict(doc, Cancellation.NONE);
    }

    /**
     * Predicts clusters for {@code doc}, checking {@code cancellation} between encoder windows and blocks of pair
     * scores; a cancelled prediction throws {@link java.util.concurrent.CancellationException}.
     */
    public Prediction predict(Document doc, Cancellation cancellation) {
        return predict(doc, cancellation, null);
    }

    /**
     * As {@link #predict(Document, Cancellation)}, adding the time of each stage to {@code times} (null: not
     * measured).
     */
    public Prediction predict(Document doc, Cancellation cancellation, StageTimes times) {
        int n = doc.size();
        if (n == 0) {
            return new Prediction(doc.withClusters(List.of()), new String[0], AntecedentScores.NONE, null);
        }
        long t0 = System.nanoTime();
        List<String> words = words(doc);
        // window by window: each window's pieces are mixed, pooled into words and tagged as the encoder returns them,
        // so only per-word vectors of the head's width span the document, never layers x pieces x hidden
        WordEncoder.Pieces pieces = encoder.tokenize(words);
        String[] xpos = new String[n];
        float[] logits = new float[tagger.labels()];
        SyntaxHead.Builder grammar = syntax == null ? null : syntax.builder(syntaxSentences(doc));
        WordHead.Builder builder = wordHead.builder(pieces.wordStart(), pieces.wordEnd(), encoder.spec().hidden(),
                (word, x, off) -> {
                    xpos[word] = tagger.tag(x, off, logits);
                    if (grammar != null) {
                        grammar.accept(word, x, off);
                    }
                });
        long t1 = System.nanoTime();
        long[] headNanos = new long[1];
        encoder.encode(pieces, cancellation, window -> {
            long h0 = System.nanoTime();
            builder.add(window);
            headNanos[0] += System.nanoTime() - h0;
        });
        long t2 = System.nanoTime();
        WordHead.Words w = builder.finish();
        long t3 = System.nanoTime();
        if (times != null) {
            times.add(StageTimes.Stage.PIECES, t1 - t0);
            times.add(StageTimes.Stage.ENCODER, t2 - t1 - headNanos[0]);
            times.add(StageTimes.Stage.WORD_HEAD, headNanos[0]);
            times.add(StageTimes.Stage.CONTEXT, t3 - t2);
        }
        return predict(doc, w, xpos, grammar == null ? null : grammar.finish(), cancellation, times);
    }

    /**
     * The ends of the stretches the syntax head analyses: the document's sentences, a sentence longer than {@link
     * #SYNTAX_MAX_SENTENCE} words cut into pieces of that length (memory stays bounded whatever the input).
     */
    static int[] syntaxSentences(Document doc) {
        // Document guarantees that its sentences cover its tokens in order, each non-empty
        List<Integer> ends = new ArrayList<>();
        for (dev.referent.doc.Sentence s : doc.sentences()) {
            for (int start = s.tokenStart(); s.tokenEnd() - start > SYNTAX_MAX_SENTENCE; start += SYNTAX_MAX_SENTENCE) {
                ends.add(start + SYNTAX_MAX_SENTENCE);
            }
            ends.add(s.tokenEnd());
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Predicts from a precomputed encoding of the document's tokens (training evaluates its cached encodings). */
    public Prediction predict(Document doc, WordEncoder.Encoded encoded) {
        return predict(doc, encoded, null);
    }

    /**
     * As {@link #predict(Document, WordEncoder.Encoded)} with a given syntax analysis (training computes one per
     * document from the model whose syntax head it keeps); null: the model's own head, if it has one.
     */
    public Prediction predict(Document doc, WordEncoder.Encoded encoded, SyntaxHead.Analysis given) {
        int n = doc.size();
        if (n == 0) {
            return new Prediction(doc.withClusters(List.of()), new String[0], AntecedentScores.NONE, null);
        }
        if (encoded.words() != n) {
            throw new IllegalArgumentException("encoding has " + encoded.words() + " words, document " + n);
        }
        WordHead.Words w = wordHead.apply(encoded);
        SyntaxHead.Analysis analysis = given != null ? given
                : syntax == null ? null : syntax.analyze(w.x(), n, w.xDim(), syntaxSentences(doc));
        return predict(doc, w, tagger.tag(w.x(), n, w.xDim()), analysis, Cancellation.NONE, null);
    }

    private Prediction predict(Document doc, WordHead.Words w, String[] xpos, SyntaxHead.Analysis analysis,
                               Cancellation cancellation, StageTimes times) {
        int n = doc.size();
        long t0 = System.nanoTime();
        Document taggedDoc = doc;
        if (applyTags) {
            List<Token> tagged = new ArrayList<>(n);
            for (Token t : doc.tokens()) {
                tagged.add(t.withTags(t.upos(), xpos[t.index()]));
            }
            taggedDoc = doc.withTokens(tagged);
        }
        int d = w.uDim();
        if (pairs.readsSyntax() && analysis == null) {
            throw new IllegalStateException("model " + name + ": its pair scorer reads the syntax head's features, "
                    + "and no analysis is at hand (" + SYNTAX_WEIGHTS + " missing, or syntax=false)");
        }
        PairwiseFeatures features = new PairwiseFeatures(taggedDoc, applyTags ? xpos : null,
                pairs.readsSyntax() ? analysis : null);
        RoughScorer.Candidates candidates = rough.topK(w.u(), n, d, topK, maxDistance, features);
        if (!names.isEmpty()) {
            // at most k more per word: the nearest earlier words its name matches, scored as topK scores a pair
            candidates = rough.addCandidates(candidates, names.matches(taggedDoc, xpos, topK), w.u(), d, features);
        }
        candidates = candidates.withinMargin(candidateMargin);
        long t1 = System.nanoTime();
        float[][] fine = pairs.score(w.u(), n, d, candidates, features, pool, cancellation);
        long t2 = System.nanoTime();
        Clusterer.Result decoded = clusterer.cluster(taggedDoc, xpos, analysis, w.u(), d, candidates, fine);
        Prediction prediction = new Prediction(taggedDoc.withClusters(decoded.clusters()), xpos, decoded.antecedents(),
                analysis);
        if (times != null) {
            long t3 = System.nanoTime();
            times.add(StageTimes.Stage.COARSE, t1 - t0);
            times.add(StageTimes.Stage.PAIRS, t2 - t1);
            times.add(StageTimes.Stage.DECODE, t3 - t2);
        }
        return prediction;
    }

    /** The scorers' word vectors u (row-major, words x dim) for an encoding; exposed for parity tests. */
    public float[] wordVectors(WordEncoder.Encoded encoded) {
        return wordHead.apply(encoded).u();
    }

    /** The scorers' word vectors u of {@code words}, encoded window by window as {@link #predict} does. */
    public float[] wordVectors(List<String> words) {
        return encodeWords(words, (word, x, off) -> { }).u();
    }

    /** Encodes {@code words} window by window as {@link #predict} does, each word's x to {@code sink} as it comes. */
    private WordHead.Words encodeWords(List<String> words, WordHead.WordSink sink) {
        WordEncoder.Pieces pieces = encoder.tokenize(words);
        WordHead.Builder builder = wordHead.builder(pieces.wordStart(), pieces.wordEnd(), encoder.spec().hidden(), sink);
        encoder.encode(pieces, Cancellation.NONE, builder::add);
        return builder.finish();
    }

    private static List<String> words(Document doc) {
        List<String> words = new ArrayList<>(doc.size());
        for (Token t : doc.tokens()) {
            words.add(t.text());
        }
        return words;
    }

    /**
     * The pooled word vectors x of {@code words} (row-major, words x {@code encoder().spec().hidden()}), the input of
     * the POS tagger and the syntax head, encoded window by window as {@link #predict} does (training the syntax
     * head reads them).
     */
    public float[] pooledWordVectors(List<String> words) {
        int dim = encoder.spec().hidden();
        float[] x = new float[words.size() * dim];
        encodeWords(words, (word, v, off) -> System.arraycopy(v, off, x, word * dim, dim));
        return x;
    }

    /** Whether the pair scorer reads the syntax head's features (it learned from that head's analyses). */
    public boolean pairScorerReadsSyntax() {
        return pairs.readsSyntax();
    }

    /**
     * The syntax head's analysis of {@code doc}'s tokens, computed as {@link #predict} computes it.
     *
     * @throws IllegalStateException when the model has no syntax head
     */
    public SyntaxHead.Analysis analyzeSyntax(Document doc) {
        if (syntax == null) {
            throw new IllegalStateException("model " + name + " has no syntax head (" + SYNTAX_WEIGHTS + ")");
        }
        // streamed as predict does: one sentence's x at a time, not the document's
        SyntaxHead.Builder grammar = syntax.builder(syntaxSentences(doc));
        encodeWords(words(doc), grammar);
        return grammar.finish();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
        pairs.close();
        rough.close();
        if (syntax != null) {
            syntax.close();
        }
        wordHead.close();
        if (ownsEncoder) {
            encoder.close();
        }
    }
}
