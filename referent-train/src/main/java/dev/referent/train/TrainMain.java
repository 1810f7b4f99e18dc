package dev.referent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.doc.Document;
import dev.referent.eval.io.DataPaths;
import dev.referent.eval.io.ProjectHome;
import dev.referent.eval.score.CorefScorer;
import dev.referent.model.CorefModel;
import dev.referent.model.encoder.EncoderSpec;
import dev.referent.model.encoder.WordEncoder;
import dev.referent.model.heads.WeightNames;
import dev.referent.model.heads.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code referent train}: trains the heads of one experiment and writes a model directory (config.properties,
 * heads.bin, manifest.json).
 *
 * <pre>
 *   train --config referent-train/experiments.ini --experiment bge-small-frozen --out models/default
 *         [--data-dir ../shared/data] [--cache target/feature-cache] [--threads 2] [--set key=value ...]
 * </pre>
 */
@Command(name = "referent train", mixinStandardHelpOptions = true, version = "referent train 0.1.0", sortOptions = false,
        description = "Train the coreference heads of one experiment and write a model directory (config.properties, "
                + "heads.bin, manifest.json).")
public final class TrainMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainMain.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "experiments file (INI)")
    Path configFile;

    @Option(names = "--experiment", paramLabel = "NAME", defaultValue = "default",
            description = "experiment (section of the config file; default: ${DEFAULT-VALUE})")
    String experiment;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "corpora (default: referent.data, REFERENT_DATA or "
            + "../shared/data beside the project home)")
    Path dataDir;

    /** Under the project home, not the working directory: every run from anywhere shares one cache. */
    static final String DEFAULT_CACHE = "target/feature-cache";

    @Option(names = "--cache", paramLabel = "DIR", description = "encoder feature cache (default: " + DEFAULT_CACHE
            + " in the project home: -Dreferent.home, else the checkout holding the working directory)")
    Path cache;

    @Option(names = "--threads", paramLabel = "N", description = "threads (default: the machine's cores)")
    Integer threads;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a hyper-parameter (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "DOCS", description = "first DOCS documents of each split (quick checks)")
    int limit = Integer.MAX_VALUE;

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs {@code referent train} and returns its exit code: 0, 2 for a usage error, 1 for a failure. */
    static int run(String... args) {
        CommandLine cli = new CommandLine(new TrainMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("referent train: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            LOG.debug("referent train failed", e);
            return e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
                    || e instanceof IOException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        List<String[]> sets = new ArrayList<>();
        for (String kv : overrides) {
            String[] pair = kv.split("=", 2);
            if (pair.length != 2 || pair[0].isBlank()) {
                throw new IllegalArgumentException("--set expects KEY=VALUE, not '" + kv + "'");
            }
            sets.add(pair);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads needs a positive whole number, not '" + threads + "'");
        }
        return train(configFile, experiment, out, dataDir == null ? DataPaths.dataDir() : dataDir.toAbsolutePath(),
                cache == null ? ProjectHome.resolve(DEFAULT_CACHE) : cache, threads == null ? Runtime.getRuntime().availableProcessors() : threads, sets, limit);
    }

    private static int train(Path configFile, String experiment, Path out, Path dataDir, Path cache, int threads,
                             List<String[]> overrides, int limit) throws Exception {
        TrainConfig config = TrainConfig.load(configFile, experiment);
        for (String[] kv : overrides) {
            config = config.with(kv[0], kv[1]);
        }
        if (config.string("task").equals("syntax")) {
            SyntaxTrainer.train(config, out, dataDir, threads, limit);
            return 0;
        }
        if (config.string("task").equals("average")) {
            ModelAverage.write(config, out);
            return 0;
        }
        if (!config.string("task").equals("coref")) {
            throw new IllegalArgumentException("task must be coref, syntax or average, not '" + config.string("task") + "'");
        }
        Trainer.checkSettings(config);
        boolean pairSyntax = config.flag("pair_syntax");
        boolean readsSyntax = pairSyntax || decodingReadsSyntax(config);
        List<String> foldModels = config.list("syntax_fold_models");
        if (!pairSyntax && !foldModels.isEmpty()) {
            throw new IllegalArgumentException("syntax_fold_models without pair_syntax: fold heads analyse only the "
                    + "training documents the pair scorer's syntax features learn from");
        }
        if (foldModels.size() == 1) {
            throw new IllegalArgumentException("syntax_fold_models needs the K >= 2 fold heads 1/K .. K/K, in order, not one");
        }
        if (readsSyntax) {
            checkSyntaxInput(config);
            for (int k = 0; k < foldModels.size(); k++) {
                checkFold(ProjectHome.resolve(foldModels.get(k)), k, foldModels.size());
            }
        }
        long t0 = System.currentTimeMillis();
        EncoderSpec spec = EncoderSpec.byName(config.string("encoder"));
        int[] layers = WordEncoder.parseLayers(config.string("layers"));
        try (WordEncoder encoder = WordEncoder.load(spec, threads, config.number("overlap"), layers)) {
            List<Document> trainDocs = new ArrayList<>(TrainingCorpus.documents(dataDir, config.string("train_split")));
            trainDocs.addAll(TrainingCorpus.extra(dataDir, config.string("extra_train")));
            List<Document> devDocs = TrainingCorpus.documents(dataDir, config.string("dev_split"));
            trainDocs = trainDocs.subList(0, Math.min(limit, trainDocs.size()));
            devDocs = devDocs.subList(0, Math.min(limit, devDocs.size()));
            List<CorefExample> train = new ArrayList<>(TrainingCorpus.examples(trainDocs, encoder, cache));
            List<CorefExample> dev = new ArrayList<>(TrainingCorpus.examples(devDocs, encoder, cache));
            int gapRows = config.integer("gap_train");
            Trainer.GapCheck gapCheck = null;
            if (gapRows > 0) {
                // GAP's development rows: the first gap_train train, the rest are held out and scored every epoch
                // (GAP's validation split stays unseen for reporting)
                List<TrainingCorpus.GapDocument> rows = TrainingCorpus.gap(dataDir, "development", 0, Integer.MAX_VALUE);
                List<TrainingCorpus.GapDocument> gapTrain = rows.subList(0, Math.min(gapRows, rows.size()));
                List<TrainingCorpus.GapDocument> gapHeld = rows.subList(gapTrain.size(), rows.size());
                train.addAll(TrainingCorpus.gapExamples(gapTrain.subList(0, Math.min(limit, gapTrain.size())), encoder, cache));
                gapHeld = gapHeld.subList(0, Math.min(limit, gapHeld.size()));
                gapCheck = new Trainer.GapCheck(TrainingCorpus.gapExamples(gapHeld, encoder, cache),
                        gapHeld.stream().map(TrainingCorpus.GapDocument::row).toList());
                LOG.info("GAP development: {} rows train, {} held out", Math.min(limit, gapTrain.size()), gapHeld.size());
            }
            if (readsSyntax) {
                // the syntax head's analysis of each document, from the model that holds the head: computed once, as
                // that model computes it at inference (its word vectors x stay as they are when the run freezes the
                // layers they come from: freeze = word.mix,word.att,encoder.layer.). The pair scorer's features need
                // the training documents' analyses; decoding rules that read syntax (the expletive rule) need those
                // of dev, where the epoch and the link threshold are chosen with the rules the model runs with
                Path syntaxModel = ProjectHome.resolve(config.string("syntax_model"));
                for (int k = 0; k < foldModels.size(); k++) {
                    // jackknife: each OntoGUM training document is analysed by the head that did not train on it, so
                    // the pair scorer learns from analyses as wrong as those of unseen text (folds checked above)
                    final int fold = k;
                    Path foldModel = ProjectHome.resolve(foldModels.get(k));
                    try (CorefModel analyser = CorefModel.load(CorefModel.Source.directory(foldModel), threads)) {
                        train.replaceAll(ex -> ex.isPartial()
                                || SyntaxCorpus.fold(ex.doc().id(), foldModels.size()) != fold
                                ? ex : ex.withSyntax(analyser.analyzeSyntax(ex.doc())));
                    }
                }
                try (CorefModel analyser = CorefModel.load(CorefModel.Source.directory(syntaxModel), threads)) {
                    if (pairSyntax) {
                        train.replaceAll(ex -> ex.syntax() != null ? ex : ex.withSyntax(analyser.analyzeSyntax(ex.doc())));
                    }
                    dev.replaceAll(ex -> ex.withSyntax(analyser.analyzeSyntax(ex.doc())));
                    if (gapCheck != null) {
                        List<CorefExample> held = new ArrayList<>(gapCheck.examples());
                        held.replaceAll(ex -> ex.withSyntax(analyser.analyzeSyntax(ex.doc())));
                        gapCheck = new Trainer.GapCheck(held, gapCheck.rows());
                    }
                }
                LOG.info("syntax analyses of {} train and {} dev documents from {}", pairSyntax ? train.size() : 0,
                        dev.size(), syntaxModel);
            }
            long encoded = System.currentTimeMillis();
            Trainer.Result result;
            String name = "referent-" + experiment;
            final TrainConfig cfg = config;
            final long encodeMillis = encoded - t0;
            final Path outDir = out;
            java.util.function.Consumer<Trainer.Result> save = r -> {
                try {
                    writeModel(outDir, cfg, spec, r, train.size(), dev.size(), encodeMillis);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            List<String> posLabels = Trainer.posLabels(train);
            if (!config.string("init_model").isEmpty()) {
                // continuing a model keeps its tag set (the POS head's rows)
                java.util.Properties init = new java.util.Properties();
                try (var r = Files.newBufferedReader(Path.of(config.string("init_model")).resolve("config.properties"))) {
                    init.load(r);
                }
                posLabels = List.of(init.getProperty("pos.labels", "").split(" "));
            }
            try (Trainer trainer = new Trainer(config, spec.hidden(), posLabels, encoder)) {
                if (gapCheck != null) {
                    trainer.checkGapOn(gapCheck);
                }
                result = trainer.train(train, dev, name, encoder, save);
                result = tuneThreshold(result, encoder);
            }
            save.accept(result);
            LOG.info("best dev CoNLL-F1 {} at epoch {}; model written to {}", String.format("%.2f", 100 * result.bestDevF1()),
                    result.bestEpoch(), out);
        }
        return 0;
    }

    /**
     * Checks that {@code model}'s syntax head is fold {@code k + 1} of {@code folds}, as its manifest records
     * ({@code syntax_head.hyper_parameters.syntax_fold}): a head that saw the documents it analyses would give the
     * pair scorer analyses better than those of new text, and the list's order is all that matches heads to folds.
     */
    static void checkFold(Path model, int k, int folds) throws IOException {
        String expected = (k + 1) + "/" + folds;
        Path manifest = model.resolve("manifest.json");
        String recorded = Files.exists(manifest)
                ? new ObjectMapper().readTree(manifest.toFile()).path("syntax_head").path("hyper_parameters")
                        .path("syntax_fold").asText("")
                : "";
        if (!recorded.equals(expected)) {
            throw new IllegalArgumentException("syntax_fold_models: entry " + (k + 1) + " (" + model + ") must hold "
                    + "the syntax head of fold " + expected + "; its manifest records "
                    + (recorded.isEmpty() ? "no fold" : "fold " + recorded));
        }
    }

    /**
     * A run whose pair scorer or decoding rules read the syntax head continues {@code init_model} and takes its
     * analyses (and the head the model will carry) from {@code syntax_model}: that head was trained on
     * syntax_model's word vectors x, so the parameters x comes from must be the same in both models, or the run would
     * learn from, and ship, a head reading other vectors than its own.
     */
    static void checkSyntaxInput(TrainConfig config) throws IOException {
        if (config.string("init_model").isEmpty()) {
            throw new IllegalArgumentException("a run whose pair scorer or decoding rules read the syntax head needs "
                    + "init_model: the model whose word vectors x the head of syntax_model ("
                    + config.string("syntax_model") + ") reads");
        }
        Path init = ProjectHome.resolve(config.string("init_model"));
        Path syntax = ProjectHome.resolve(config.string("syntax_model"));
        if (init.equals(syntax)) {
            return;
        }
        Map<String, Weights.Tensor> a = Weights.read(init.resolve("heads.bin")).tensors();
        Map<String, Weights.Tensor> b = Weights.read(syntax.resolve("heads.bin")).tensors();
        for (String name : a.keySet()) {
            boolean feedsX = name.startsWith(WeightNames.WORD_MIX) || name.startsWith(WeightNames.WORD_ATTENTION)
                    || name.startsWith(WeightNames.ENCODER_LAYER);
            if (feedsX && (!b.containsKey(name) || !java.util.Arrays.equals(a.get(name).data(), b.get(name).data()))) {
                throw new IllegalArgumentException("init_model " + config.string("init_model") + " and syntax_model "
                        + config.string("syntax_model") + " differ in " + name + ": the syntax head reads other word "
                        + "vectors than the run's");
            }
        }
    }

    /** Whether the experiment's runtime settings turn on a decoding rule that reads the syntax head. */
    static boolean decodingReadsSyntax(TrainConfig config) {
        return CorefModel.decodingReadsSyntax(Trainer.runtimeSettings(config));
    }

    /** Picks the link threshold (margin over the dummy antecedent) with the best dev CoNLL-F1. */
    static Trainer.Result tuneThreshold(Trainer.Result r, WordEncoder encoder) {
        List<CorefExample> dev = r.dev();
        double bestF1 = -1;
        String best = "0";
        for (String t : List.of("-3", "-2.5", "-2", "-1.5", "-1", "-0.5", "0", "0.5", "1", "2")) {
            java.util.Properties p = new java.util.Properties();
            p.putAll(r.config());
            p.setProperty("link.threshold", t);
            double f1 = Trainer.evaluate(dev, p, r.weights(), encoder);
            LOG.info("link threshold {}: dev CoNLL-F1 {}", t, String.format("%.2f", 100 * f1));
            if (f1 > bestF1) {
                bestF1 = f1;
                best = t;
            }
        }
        java.util.Properties tuned = new java.util.Properties();
        tuned.putAll(r.config());
        tuned.setProperty("link.threshold", best);
        return new Trainer.Result(r.weights(), tuned, r.bestEpoch(), bestF1, r.devF1(), r.gapF1(), r.trainLoss(), r.millis(), dev);
    }

    private static void writeModel(Path out, TrainConfig config, EncoderSpec spec, Trainer.Result r,
                                   int trainDocs, int devDocs, long encodeMillis) throws IOException {
        Files.createDirectories(out);
        r.weights().write(out.resolve("heads.bin"));
        if (config.flag("pair_syntax") || decodingReadsSyntax(config)) {
            // the pair scorer reads the syntax head's features, or a decoding rule reads its analysis: the model
            // travels with the head it was trained and selected with
            Path from = ProjectHome.resolve(config.string("syntax_model"));
            for (String f : List.of(CorefModel.SYNTAX_WEIGHTS, CorefModel.SYNTAX_LABELS)) {
                if (!Files.exists(out.resolve(f)) || !Files.isSameFile(from.resolve(f), out.resolve(f))) {
                    Files.copy(from.resolve(f), out.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        java.util.Properties runtime = new java.util.Properties();
        runtime.putAll(r.config());
        String runtimeEncoder = config.string("runtime_encoder");
        if (!runtimeEncoder.isEmpty()) {
            // the heads were trained on the encoder's fp32 features; the model runs with its (int8) twin
            runtime.setProperty("encoder", EncoderSpec.byName(runtimeEncoder).name());
        }
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(out.resolve("config.properties")), StandardCharsets.UTF_8)) {
            runtime.store(w, "Referent model runtime configuration (written by referent train)");
        }
        writeManifest(out, config, spec, r, trainDocs, devDocs, encodeMillis, encodeMillis + r.millis());
    }

    /**
     * The manifest records what the model was trained on by corpus name, version and split, never a path of the
     * training machine (the model travels; the path would be wrong everywhere else and tells where it was built).
     */
    static void writeManifest(Path out, TrainConfig config, EncoderSpec spec, Trainer.Result r,
                                      int trainDocs, int devDocs, long encodeMillis, long totalMillis) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("name", r.config().getProperty("name"));
        m.put("created", Instant.now().toString());
        ObjectNode enc = m.putObject("encoder");
        enc.put("name", spec.name());
        enc.put("artifact", spec.artifact());
        enc.put("onnx_resource", spec.onnxResource());
        enc.put("onnx_sha256", sha256(spec.onnxResource()));
        enc.put("tokenizer_sha256", sha256(spec.tokenizerResource()));
        int tuned = config.integer("tune_layers");
        enc.put("fine_tuned", tuned > 0);
        if (tuned > 0) {
            enc.put("fine_tuned_layers", "the top " + tuned + " (their parameters are in heads.bin under encoder.layer.*"
                    + " and are written into the encoder graph when the model loads)");
        }
        if (!config.string("runtime_encoder").isEmpty()) {
            EncoderSpec run = EncoderSpec.byName(config.string("runtime_encoder"));
            ObjectNode re = m.putObject("runtime_encoder");
            re.put("name", run.name());
            re.put("artifact", run.artifact());
            re.put("onnx_sha256", sha256(run.onnxResource()));
            re.put("note", "the heads were trained on " + spec.name() + " features and run with this encoder");
        }
        ObjectNode data = m.putObject("training_data");
        data.put("corpus", "OntoGUM (GUM v11.1.0, OntoNotes scheme), CoNLL-U with UD trees"
                + (config.string("extra_train").isEmpty() ? "" : "; extra: " + config.string("extra_train")
                + " (singletons dropped)")
                + (config.integer("gap_train") > 0 ? "; GAP development rows 1-" + config.integer("gap_train")
                + " (pronoun-name labels only; the other rows held out)" : ""));
        data.put("train_split", config.string("train_split") + " (" + trainDocs + " documents)");
        data.put("selection_split", config.string("dev_split") + " (" + devDocs + " documents)");
        ObjectNode hp = m.putObject("hyper_parameters");
        hp.put("experiment", config.experiment());
        for (Map.Entry<String, String> e : config.values().entrySet()) {
            hp.put(e.getKey(), portable(e.getValue()));
        }
        ObjectNode scores = m.putObject("scores");
        scores.put("dev_conll_f1", Math.round(r.bestDevF1() * 10000) / 100.0);
        scores.put("link_threshold", r.config().getProperty("link.threshold", "0"));
        scores.put("best_epoch", r.bestEpoch());
        ArrayNode history = scores.putArray("dev_conll_f1_by_epoch");
        r.devF1().forEach(f -> history.add(Math.round(f * 10000) / 100.0));
        if (!r.gapF1().isEmpty()) {
            ArrayNode gap = scores.putArray("heldout_gap_f1_by_epoch");
            r.gapF1().forEach(f -> gap.add(Math.round(f * 10000) / 100.0));
        }
        ArrayNode loss = scores.putArray("train_loss_by_epoch");
        r.trainLoss().forEach(l -> loss.add(Math.round(l * 10000) / 10000.0));
        scores.put("test_conll_f1", "see docs/BENCHMARKS.md (./referent eval --data ontogum --split test)");
        ObjectNode time = m.putObject("training_time");
        time.put("encoding_seconds", encodeMillis / 1000);
        time.put("total_seconds", totalMillis / 1000);
        time.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        m.put("weights_file", "heads.bin (format: dev.referent.model.heads.Weights)");
        json.writeValue(out.resolve("manifest.json").toFile(), m);
    }

    /** A hyper-parameter as the manifest records it: an absolute path (an init_model elsewhere) as its last part. */
    static String portable(String value) {
        try {
            Path p = Path.of(value);
            return p.isAbsolute() && p.getFileName() != null ? p.getFileName().toString() : value;
        } catch (java.nio.file.InvalidPathException e) {
            return value;
        }
    }

    /** The resource's SHA-256 for the manifest ("unavailable" when the encoder is not on this classpath). */
    static String sha256(String resource) {
        String sha = EncoderSpec.resourceSha256(resource);
        return sha == null ? "unavailable" : sha;
    }
}
