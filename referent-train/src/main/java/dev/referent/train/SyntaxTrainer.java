package dev.referent.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.model.CorefModel;
import dev.referent.model.heads.SyntaxHead;
import dev.referent.model.heads.Weights;
import dev.referent.train.heads.Params;
import dev.referent.train.heads.Scalars;
import dev.referent.train.heads.SyntaxHeadNet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the syntax head ({@code task = syntax}): a dependency parser and word attributes over the pooled word vectors
 * x of an existing model ({@code init_model}), on GUM's UD documents of {@code train_split}, the best epoch chosen on
 * {@code dev_split} by the mean of UAS, LAS and the attributes' accuracies. Writes {@code syntax.bin} and {@code
 * syntax.properties} into the output model directory (a copy of the model's files first, when it is another directory) and
 * records the head and its dev scores in the manifest. The model's own weights are not touched: the head reads the
 * x the model computes at inference, so it sees exactly what it will see when it runs.
 */
public final class SyntaxTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SyntaxTrainer.class);
    private static final String WEIGHTS = CorefModel.SYNTAX_WEIGHTS;
    private static final String LABELS = CorefModel.SYNTAX_LABELS;
    private static final List<String> MODEL_FILES = List.of("config.properties", "heads.bin", "manifest.json",
            CorefModel.CONFIDENCE_FILE);

    private SyntaxTrainer() {
    }

    /** The scores of one evaluation on a split. */
    public record Scores(double uas, double las, Map<String, Double> attributeAccuracy,
                         Map<String, Double> attributeAnnotatedAccuracy, int words) {
        double selection() {
            double sum = uas + las;
            for (double a : attributeAccuracy.values()) {
                sum += a;
            }
            return sum / (2 + attributeAccuracy.size());
        }

        String line() {
            StringBuilder b = new StringBuilder(String.format("UAS %.2f LAS %.2f", 100 * uas, 100 * las));
            attributeAccuracy.forEach((a, v) -> b.append(String.format(" %s %.2f (annotated %.2f)", a, 100 * v,
                    100 * attributeAnnotatedAccuracy.get(a))));
            return b.toString();
        }
    }

    public static void train(TrainConfig config, Path out, Path dataDir, int threads, int limit) throws IOException {
        long t0 = System.currentTimeMillis();
        String init = config.string("init_model");
        if (init.isEmpty()) {
            throw new IllegalArgumentException("task = syntax needs init_model: the model whose word vectors the head reads");
        }
        Path modelDir = dev.referent.eval.io.ProjectHome.resolve(init);
        int[] fold = SyntaxCorpus.parseFold(config.string("syntax_fold"));
        List<float[]> trainX = new ArrayList<>();
        List<float[]> devX = new ArrayList<>();
        List<SyntaxCorpus.Doc> train;
        List<SyntaxCorpus.Doc> dev;
        int dim;
        try (CorefModel model = CorefModel.load(CorefModel.Source.directory(modelDir), threads)) {
            if (model.pairScorerReadsSyntax()) {
                // the new head would be written beside (out holds a copy of init_model's files) a pair scorer that
                // learned from the old head's analyses, and feed it analyses it never saw
                throw new IllegalArgumentException("init_model " + init + ": its pair scorer reads the syntax head's "
                        + "features, learned from that head's analyses; train a new head on the model before the pair "
                        + "scorer's run (docs/BENCHMARKS.md: target/models/v6), then the pair scorer again");
            }
            train = new ArrayList<>(SyntaxCorpus.split(dataDir, config.string("train_split"), limit));
            if (fold[0] >= 0) {
                // a fold head: trained without the documents of its fold, which it then analyses for coreference
                train.removeIf(d -> SyntaxCorpus.fold(d.name(), fold[1]) == fold[0]);
                LOG.info("syntax: fold {} of {} left out, {} train documents", fold[0] + 1, fold[1], train.size());
            }
            dev = SyntaxCorpus.split(dataDir, config.string("dev_split"), limit);
            dim = model.encoder().spec().hidden();
            for (SyntaxCorpus.Doc d : train) {
                trainX.add(model.pooledWordVectors(d.words()));
            }
            for (SyntaxCorpus.Doc d : dev) {
                devX.add(model.pooledWordVectors(d.words()));
            }
        }
        long encoded = System.currentTimeMillis();
        LOG.info("syntax: {} train and {} dev documents encoded by {} in {} s", train.size(), dev.size(), modelDir,
                (encoded - t0) / 1000);
        List<String> relations = relations(train, config.integer("syntax_min_relation"));
        Map<String, List<String>> values = attributeValues(train);
        LOG.info("syntax: {} relations, attributes {}", relations.size(), values);

        int arc = config.integer("syntax_arc");
        int rel = config.integer("syntax_rel");
        int attr = config.integer("syntax_attr");
        int epochs = config.integer("epochs");
        int batchWords = config.integer("syntax_batch_words");
        float lr = config.number("learning_rate");
        Random shuffle = new Random(config.integer("seed"));
        Scores best = null;
        int bestEpoch = 0;
        Weights bestWeights = null;
        List<Double> history = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Params params = new Params(manager, config.integer("seed"));
            List<String> names = new ArrayList<>(values.keySet());
            int[] sizes = names.stream().mapToInt(a -> values.get(a).size()).toArray();
            SyntaxHeadNet net = new SyntaxHeadNet(params, manager, dim, config.integer("syntax_context"), arc, rel, attr,
                    relations.size(), names, sizes, config.number("dropout"));
            int steps = 0;
            for (SyntaxCorpus.Doc d : train) {
                steps += batches(d, batchWords).size();
            }
            final int totalSteps = steps * epochs;
            Tracker tracker = config.string("lr_schedule").equals("fixed") ? Tracker.fixed(lr)
                    : update -> lr * Math.max(0.02f, 1f - (float) update / Math.max(1, totalSteps));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(tracker).optClipGrad(config.number("clip_grad")).build();
            Map<String, Integer> relationIds = index(relations);
            Map<String, Map<String, Integer>> valueIds = new HashMap<>();
            values.forEach((a, v) -> valueIds.put(a, index(v)));
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long e0 = System.currentTimeMillis();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, shuffle);
                double lossSum = 0;
                long lossWords = 0;
                for (int di : order) {
                    SyntaxCorpus.Doc d = train.get(di);
                    for (int[] batch : batches(d, batchWords)) {
                        lossSum += step(manager, net, params, adam, d, trainX.get(di), dim, batch, relationIds,
                                names, valueIds);
                        lossWords += batch[batch.length - 1] - batch[0];
                    }
                }
                Weights weights = params.export();
                Scores s = evaluate(weights, relations, values, dev, devX, dim);
                history.add(s.selection());
                LOG.info("syntax epoch {}: train loss/word {} ({} s); dev {}", epoch,
                        String.format("%.4f", lossSum / Math.max(1, lossWords)), (System.currentTimeMillis() - e0) / 1000,
                        s.line());
                if (best == null || s.selection() > best.selection()) {
                    best = s;
                    bestEpoch = epoch;
                    bestWeights = weights;
                }
            }
        }
        LOG.info("syntax: best dev epoch {}: {}", bestEpoch, best.line());
        write(out, modelDir, config, bestWeights, relations, values, best, bestEpoch, history, train.size(), dev.size(),
                System.currentTimeMillis() - t0);
    }

    /** Sentence-aligned batches of about {@code words} words: each int[] holds sentence boundaries start..end. */
    static List<int[]> batches(SyntaxCorpus.Doc d, int words) {
        List<int[]> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int start = 0;
        current.add(0);
        for (int end : d.sentenceEnds()) {
            if (end - current.get(0) > words && current.size() > 1) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current = new ArrayList<>();
                current.add(start);
            }
            current.add(end);
            start = end;
        }
        if (current.size() > 1) {
            out.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static float step(NDManager manager, SyntaxHeadNet net, Params params, Optimizer adam, SyntaxCorpus.Doc d,
                              float[] x, int dim, int[] bounds, Map<String, Integer> relationIds, List<String> names,
                              Map<String, Map<String, Integer>> valueIds) {
        try (NDManager step = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int k = 0; k + 1 < bounds.length; k++) {
                int from = bounds[k];
                int to = bounds[k + 1];
                int s = to - from;
                float[] rows = java.util.Arrays.copyOfRange(x, from * dim, to * dim);
                int[] heads = new int[s];
                int[] rel = new int[s];
                int[][] attrs = new int[names.size()][s];
                for (int i = 0; i < s; i++) {
                    int h = d.head()[from + i];
                    heads[i] = h < 0 ? s : h - from;
                    if (h >= 0 && (h < from || h >= to)) {
                        throw new IllegalArgumentException(d.name() + ": word " + (from + i) + " has its head outside its sentence");
                    }
                    rel[i] = relationIds.getOrDefault(relationLabel(d.relation()[from + i], relationIds), -1);
                    for (int a = 0; a < names.size(); a++) {
                        attrs[a][i] = valueIds.get(names.get(a)).getOrDefault(d.attributes().get(names.get(a))[from + i], -1);
                    }
                }
                NDArray xs = step.create(rows, new Shape(s, dim));
                SyntaxHeadNet.Output o = net.forward(step, xs, heads, true);
                NDArray l = net.loss(step, o, heads, rel, attrs);
                loss = loss == null ? l : loss.add(l);
            }
            loss = loss.div(Scalars.of(step, bounds[bounds.length - 1] - bounds[0]));
            float value = loss.getFloat();
            gc.backward(loss);
            for (Map.Entry<String, NDArray> e : params.arrays().entrySet()) {
                try (NDArray g = e.getValue().getGradient()) {
                    adam.update(e.getKey(), e.getValue(), g);
                }
            }
            return value * (bounds[bounds.length - 1] - bounds[0]);
        }
    }

    /** A relation as the head predicts it: itself when frequent, else its universal part, else "dep". */
    static String relationLabel(String relation, Map<String, Integer> known) {
        if (known.containsKey(relation)) {
            return relation;
        }
        int colon = relation.indexOf(':');
        String base = colon > 0 ? relation.substring(0, colon) : relation;
        return known.containsKey(base) ? base : "dep";
    }

    /** Relations seen at least {@code min} times in training, the universal part of the others, and "dep". */
    static List<String> relations(List<SyntaxCorpus.Doc> docs, int min) {
        Map<String, Integer> counts = new TreeMap<>();
        for (SyntaxCorpus.Doc d : docs) {
            for (String r : d.relation()) {
                counts.merge(r, 1, Integer::sum);
            }
        }
        TreeSet<String> out = new TreeSet<>();
        out.add("dep");
        counts.forEach((r, c) -> {
            int colon = r.indexOf(':');
            out.add(c >= min || colon < 0 ? r : r.substring(0, colon));
        });
        return new ArrayList<>(out);
    }

    /** Each attribute's values in training, "_" first. */
    static Map<String, List<String>> attributeValues(List<SyntaxCorpus.Doc> docs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String a : SyntaxCorpus.ATTRIBUTES) {
            TreeSet<String> seen = new TreeSet<>();
            for (SyntaxCorpus.Doc d : docs) {
                Collections.addAll(seen, d.attributes().get(a));
            }
            seen.remove(dev.referent.doc.WordSyntax.NO_VALUE);
            List<String> v = new ArrayList<>();
            v.add(dev.referent.doc.WordSyntax.NO_VALUE);
            v.addAll(seen);
            out.put(a, v);
        }
        return out;
    }

    private static Map<String, Integer> index(List<String> labels) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            m.put(labels.get(i), i);
        }
        return m;
    }

    /** Scores the runtime head built from {@code weights} on {@code docs}: what the model will predict. */
    public static Scores evaluate(Weights weights, List<String> relations, Map<String, List<String>> values,
                                  List<SyntaxCorpus.Doc> docs, List<float[]> xs, int dim) {
        Map<String, Integer> relationIds = index(relations);
        long words = 0;
        long headRight = 0;
        long labelRight = 0;
        Map<String, long[]> attr = new LinkedHashMap<>();
        values.keySet().forEach(a -> attr.put(a, new long[4]));
        try (SyntaxHead head = new SyntaxHead(weights, relations, values, true)) {
            for (int k = 0; k < docs.size(); k++) {
                SyntaxCorpus.Doc d = docs.get(k);
                SyntaxHead.Analysis an = head.analyze(xs.get(k), d.size(), dim, d.sentenceEnds());
                for (int i = 0; i < d.size(); i++) {
                    words++;
                    if (an.head()[i] == d.head()[i]) {
                        headRight++;
                        if (an.relation()[i].equals(relationLabel(d.relation()[i], relationIds))) {
                            labelRight++;
                        }
                    }
                    for (String a : values.keySet()) {
                        long[] c = attr.get(a);
                        String gold = d.attributes().get(a)[i];
                        boolean right = an.attribute(a, i).equals(gold);
                        c[0] += right ? 1 : 0;
                        c[1]++;
                        if (!gold.equals(dev.referent.doc.WordSyntax.NO_VALUE)) {
                            c[2] += right ? 1 : 0;
                            c[3]++;
                        }
                    }
                }
            }
        }
        Map<String, Double> acc = new LinkedHashMap<>();
        Map<String, Double> annotated = new LinkedHashMap<>();
        attr.forEach((a, c) -> {
            acc.put(a, c[0] / (double) Math.max(1, c[1]));
            annotated.put(a, c[2] / (double) Math.max(1, c[3]));
        });
        return new Scores(headRight / (double) Math.max(1, words), labelRight / (double) Math.max(1, words), acc,
                annotated, (int) words);
    }

    private static void write(Path out, Path modelDir, TrainConfig config, Weights weights, List<String> relations,
                              Map<String, List<String>> values, Scores dev, int bestEpoch, List<Double> history,
                              int trainDocs, int devDocs, long millis) throws IOException {
        Files.createDirectories(out);
        if (!Files.isSameFile(out, modelDir)) {
            for (String f : MODEL_FILES) {
                if (Files.exists(modelDir.resolve(f))) {
                    Files.copy(modelDir.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        weights.write(out.resolve(WEIGHTS));
        Properties labels = new Properties();
        labels.setProperty("relations", String.join(" ", relations));
        labels.setProperty("attributes", String.join(" ", values.keySet()));
        values.forEach((a, v) -> labels.setProperty("values." + a, String.join(" ", v)));
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(out.resolve(LABELS)), StandardCharsets.UTF_8)) {
            labels.store(w, "Referent syntax head labels (written by referent train, task = syntax)");
        }
        Path manifestFile = out.resolve("manifest.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = Files.exists(manifestFile) ? (ObjectNode) json.readTree(manifestFile.toFile())
                : json.createObjectNode();
        ObjectNode s = m.putObject("syntax_head");
        s.put("created", Instant.now().toString());
        s.put("experiment", config.experiment());
        s.put("weights_file", WEIGHTS + " (labels in " + LABELS + ")");
        s.put("training_data", "GUM v11.1.0 dep/*.conllu (UD trees, FEATS, Entity types), split "
                + config.string("train_split") + " (" + trainDocs + " documents); selection on "
                + config.string("dev_split") + " (" + devDocs + " documents)");
        s.put("reads", "the pooled word vectors x of this model (" + TrainMain.portable(config.string("init_model")) + ")");
        ObjectNode hp = s.putObject("hyper_parameters");
        int[] fold = SyntaxCorpus.parseFold(config.string("syntax_fold"));
        // the fold as TrainMain.checkFold reads it back: "k/K", empty for a head trained on every document
        hp.put("syntax_fold", fold[0] < 0 ? "" : (fold[0] + 1) + "/" + fold[1]);
        for (String key : List.of("syntax_context", "syntax_arc", "syntax_rel", "syntax_attr", "syntax_min_relation", "syntax_batch_words",
                "epochs", "learning_rate", "lr_schedule", "dropout", "clip_grad", "seed")) {
            hp.put(key, config.string(key));
        }
        ObjectNode scores = s.putObject("dev_scores");
        scores.put("best_epoch", bestEpoch);
        scores.put("words", dev.words());
        scores.put("uas", Math.round(dev.uas() * 10000) / 100.0);
        scores.put("las", Math.round(dev.las() * 10000) / 100.0);
        dev.attributeAccuracy().forEach((a, v) -> scores.put(a + "_accuracy", Math.round(v * 10000) / 100.0));
        dev.attributeAnnotatedAccuracy().forEach((a, v) -> scores.put(a + "_accuracy_annotated_words",
                Math.round(v * 10000) / 100.0));
        var h = scores.putArray("selection_by_epoch");
        history.forEach(v -> h.add(Math.round(v * 10000) / 100.0));
        s.put("training_seconds", millis / 1000);
        json.writeValue(manifestFile.toFile(), m);
        LOG.info("syntax head written to {}", out);
    }
}
