package dev.referent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referent.eval.io.ProjectHome;
import dev.referent.model.CorefModel;
import dev.referent.model.heads.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code task = average}: a model whose every parameter is the weighted mean of the same parameter in models trained
 * from one starting point (a "model soup", Wortsman et al. 2022), for example the shipped run and the same run with
 * GAP's rows. The models must hold the same parameters with the same shapes and, when they carry a syntax head, the
 * same one (their pair scorers learned from its analyses). The first model gives the runtime settings, overridden by
 * the experiment's {@code runtime_settings}, and the syntax head; a replacement confidence fitted on another model is
 * not carried over (refit it with {@code eval --fit-confidence}).
 */
final class ModelAverage {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAverage.class);
    static final String HEADS = "heads.bin";

    private ModelAverage() {
    }

    static void write(TrainConfig config, Path out) throws IOException {
        List<String> names = config.list("average_models");
        List<String> weightValues = config.list("average_weights");
        if (names.size() < 2 || weightValues.size() != names.size()) {
            throw new IllegalArgumentException("task = average needs two or more average_models and one average_weights "
                    + "value for each; average_models = " + names + ", average_weights = " + weightValues);
        }
        double[] w = new double[names.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            try {
                w[i] = Double.parseDouble(weightValues.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("average_weights: '" + weightValues.get(i) + "' is not a number");
            }
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException("average_weights must be positive: " + weightValues);
            }
            sum += w[i];
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("average_weights must add up to 1, not " + sum);
        }
        List<Path> models = names.stream().map(ProjectHome::resolve).toList();
        List<Weights> weights = new ArrayList<>();
        for (Path m : models) {
            weights.add(Weights.read(m.resolve(HEADS)));
        }
        byte[] syntax = syntaxHead(models);
        Weights mean = average(weights, w, names);
        List<Properties> settings = new ArrayList<>();
        for (Path m : models) {
            settings.add(runtimeSettings(m));
        }
        for (int m = 1; m < models.size(); m++) {
            for (String key : List.of("encoder", "layers", "overlap", "pos.labels")) {
                if (!java.util.Objects.equals(settings.get(0).getProperty(key), settings.get(m).getProperty(key))) {
                    throw new IllegalArgumentException("average_models: " + names.get(m) + " and " + names.get(0)
                            + " differ in " + key + " (" + settings.get(m).getProperty(key) + " against "
                            + settings.get(0).getProperty(key) + "): their parameters mean different things");
                }
            }
        }
        Properties runtime = new Properties();
        runtime.putAll(settings.get(0));
        runtime.putAll(Trainer.runtimeSettings(config));
        runtime.setProperty("name", "referent-" + config.experiment());
        CorefModel.decodingReadsSyntax(runtime); // a malformed setting fails here, not when the model loads

        Files.createDirectories(out);
        mean.write(out.resolve(HEADS));
        if (syntax != null) {
            Files.write(out.resolve(CorefModel.SYNTAX_WEIGHTS), syntax);
            Files.copy(models.get(0).resolve(CorefModel.SYNTAX_LABELS), out.resolve(CorefModel.SYNTAX_LABELS),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            // left by an earlier run into the same directory
            Files.deleteIfExists(out.resolve(CorefModel.SYNTAX_WEIGHTS));
            Files.deleteIfExists(out.resolve(CorefModel.SYNTAX_LABELS));
        }
        try (Writer wr = new OutputStreamWriter(Files.newOutputStream(out.resolve("config.properties")), StandardCharsets.UTF_8)) {
            runtime.store(wr, "Referent model runtime configuration (written by referent train, task = average)");
        }
        Files.deleteIfExists(out.resolve(CorefModel.CONFIDENCE_FILE)); // fitted on another model's replacements
        writeManifest(config, out, names, models, w);
        LOG.info("average of {} written to {}", names, out);
    }

    private static Properties runtimeSettings(Path model) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(model.resolve("config.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** The parameter-wise weighted mean; every model must hold the same parameters with the same shapes. */
    static Weights average(List<Weights> weights, double[] w, List<String> names) {
        Map<String, Weights.Tensor> first = weights.get(0).tensors();
        Map<String, Weights.Tensor> out = new LinkedHashMap<>();
        for (int m = 1; m < weights.size(); m++) {
            if (!weights.get(m).tensors().keySet().equals(first.keySet())) {
                throw new IllegalArgumentException("average_models: " + names.get(m) + " holds other parameters than "
                        + names.get(0) + " (models of different architectures cannot be averaged)");
            }
        }
        for (Map.Entry<String, Weights.Tensor> e : first.entrySet()) {
            float[] mean = new float[e.getValue().data().length];
            for (int m = 0; m < weights.size(); m++) {
                Weights.Tensor t = weights.get(m).tensors().get(e.getKey());
                if (!Arrays.equals(t.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("average_models: parameter " + e.getKey() + " is "
                            + Arrays.toString(t.shape()) + " in " + names.get(m) + " and "
                            + Arrays.toString(e.getValue().shape()) + " in " + names.get(0));
                }
                float[] d = t.data();
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += (float) (w[m] * d[i]);
                }
            }
            out.put(e.getKey(), new Weights.Tensor(e.getValue().shape(), mean));
        }
        return new Weights(out);
    }

    /** The models' common syntax head (its weights file), null when none has one; a differing one is an error. */
    private static byte[] syntaxHead(List<Path> models) throws IOException {
        byte[] first = null;
        for (int m = 0; m < models.size(); m++) {
            Path f = models.get(m).resolve(CorefModel.SYNTAX_WEIGHTS);
            byte[] bytes = Files.exists(f) ? Files.readAllBytes(f) : null;
            if (m == 0) {
                first = bytes;
            } else if (!Arrays.equals(first, bytes)) {
                throw new IllegalArgumentException("average_models: " + models.get(m) + " carries another syntax head "
                        + "than " + models.get(0) + " (or none): their pair scorers learned from different analyses");
            }
        }
        return first;
    }

    private static void writeManifest(TrainConfig config, Path out, List<String> names, List<Path> models, double[] w)
            throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<com.fasterxml.jackson.databind.JsonNode> manifests = new ArrayList<>();
        for (Path model : models) {
            Path manifest = model.resolve("manifest.json");
            manifests.add(Files.exists(manifest) ? json.readTree(manifest.toFile()) : json.createObjectNode());
        }
        // the encoder, runtime encoder and syntax head records are the first model's (all models share them)
        ObjectNode m = manifests.get(0) instanceof ObjectNode o ? o.deepCopy() : json.createObjectNode();
        m.put("name", "referent-" + config.experiment());
        m.put("created", Instant.now().toString());
        // the first model's own scores, training time, data and hyper-parameters: each model's go with it below
        m.remove(List.of("scores", "training_time", "training_data", "hyper_parameters"));
        ObjectNode data = m.putObject("training_data");
        List<String> corpora = new ArrayList<>();
        for (var manifest : manifests) {
            String corpus = manifest.path("training_data").path("corpus").asText("");
            if (!corpus.isEmpty() && !corpora.contains(corpus)) {
                corpora.add(corpus);
            }
        }
        data.put("corpus", "the averaged models': " + (corpora.isEmpty() ? "not recorded" : String.join(" | ", corpora)));
        ObjectNode average = m.putObject("average");
        average.put("experiment", config.experiment());
        average.put("runtime_settings", config.string("runtime_settings"));
        average.put("note", "every parameter is the weighted mean of the models' (task = average); runtime settings "
                + "of the first, with the experiment's runtime_settings; scores in docs/BENCHMARKS.md");
        ArrayNode parts = average.putArray("models");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode p = parts.addObject();
            p.put("model", TrainMain.portable(names.get(i)));
            p.put("weight", w[i]);
            for (String key : List.of("training_data", "hyper_parameters", "scores")) {
                if (manifests.get(i).has(key)) {
                    p.set(key, manifests.get(i).get(key));
                }
            }
        }
        json.writeValue(out.resolve("manifest.json").toFile(), m);
    }
}
