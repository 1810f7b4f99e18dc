package dev.referent.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.referent.doc.Document;
import dev.referent.doc.Token;
import dev.referent.eval.io.ConlluReader;
import dev.referent.eval.io.DataPaths;
import dev.referent.model.encoder.OnnxGraph;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer probe of docs/BENCHMARKS.md, part 1: writes, for the first DOCS OntoGUM documents of SPLIT, each word's
 * gold XPOS tag, its text and its vector from each layer output of an encoder (mean of its pieces, first 510 pieces
 * only); {@code bench/layer-probe.py} then fits the probe. Format, per document: the word count n (int), n pairs of
 * tag and word (UTF), n x layers x hidden floats (little endian, layer 0 the embeddings); after the last, -1.
 *
 * <pre>
 *   LayerProbeDump ONNX_RESOURCE TOKENIZER_RESOURCE SPLIT DOCS OUT [DATA_DIR]
 * </pre>
 */
public final class LayerProbeDump {

    private static final int MAX_PIECES = 510;

    private LayerProbeDump() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6) {
            System.err.println("usage: LayerProbeDump ONNX_RESOURCE TOKENIZER_RESOURCE SPLIT DOCS OUT [DATA_DIR]");
            System.exit(2);
        }
        Path data = args.length > 5 ? Path.of(args[5]) : DataPaths.dataDir();
        int maxDocs = Integer.parseInt(args[3]);
        List<Document> docs = new ArrayList<>();
        for (String name : DataPaths.ontogumSplit(data, args[2])) {
            if (docs.size() >= maxDocs) {
                break;
            }
            docs.addAll(new ConlluReader().read(DataPaths.ontogumConllu(data, name)));
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[4]))))) {
            dump(args[0], args[1], docs, out);
        }
    }

    /** Writes the words of {@code docs} with their vectors from every layer of the encoder (format above). */
    static void dump(String onnxResource, String tokenizerResource, List<Document> docs, DataOutputStream out)
            throws IOException, OrtException {
        byte[] graph;
        try (InputStream in = resource(onnxResource)) {
            graph = in.readAllBytes();
        }
        List<String> layers = OnnxGraph.layerOutputs(graph); // embeddings, layer 1, ..., the last
        byte[] all = OnnxGraph.withOutputs(graph, layers.subList(0, layers.size() - 1));
        int count = layers.size();
        Map<String, String> options = new HashMap<>();
        options.put("truncation", "false");
        options.put("padding", "false");
        options.put("addSpecialTokens", "false");
        options.put("modelMaxLength", "1000000");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        // the options are closed with the session; both, the tokenizer and every tensor are closed on any failure
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(all, sessionOptions);
             InputStream tokenizerJson = resource(tokenizerResource);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options)) {
            long[] specials = tokenizer.encode("", true, false).getIds(); // [CLS] and [SEP]
            for (Document d : docs) {
                String[] words = d.tokens().stream().map(Token::text).toArray(String[]::new);
                Encoding enc = tokenizer.encode(words, false, false);
                long[] ids = enc.getIds();
                long[] wordIds = enc.getWordIds();
                int pieces = Math.min(MAX_PIECES, ids.length);
                long[] input = new long[pieces + 2];
                input[0] = specials[0];
                System.arraycopy(ids, 0, input, 1, pieces);
                input[pieces + 1] = specials[1];
                long[] shape = {1, pieces + 2};
                long[] mask = new long[pieces + 2];
                Arrays.fill(mask, 1);
                Map<String, OnnxTensor> inputs = new HashMap<>();
                int n = pieces < ids.length ? (int) wordIds[pieces] : words.length; // words wholly inside the window
                try {
                    inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(input), shape));
                    inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                    if (session.getInputNames().contains("token_type_ids")) {
                        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[pieces + 2]), shape));
                    }
                    try (OrtSession.Result result = session.run(inputs)) {
                        float[][] layer = new float[count][];
                        layer[count - 1] = ((OnnxTensor) result.get(0)).getFloatBuffer().array(); // last_hidden_state
                        for (int l = 0; l < count - 1; l++) {
                            layer[l] = ((OnnxTensor) result.get(l + 1)).getFloatBuffer().array();
                        }
                        int hidden = layer[0].length / (pieces + 2);
                        out.writeInt(n);
                        for (int w = 0; w < n; w++) {
                            out.writeUTF(d.token(w).xpos() == null ? "_" : d.token(w).xpos());
                            out.writeUTF(words[w]);
                        }
                        ByteBuffer bytes = ByteBuffer.allocate(n * count * hidden * 4).order(ByteOrder.LITTLE_ENDIAN);
                        for (int w = 0; w < n; w++) {
                            for (int l = 0; l < count; l++) {
                                float[] v = new float[hidden];
                                int c = 0;
                                for (int p = 0; p < pieces; p++) {
                                    if (wordIds[p] == w) {
                                        c++;
                                        for (int h = 0; h < hidden; h++) {
                                            v[h] += layer[l][(p + 1) * hidden + h];
                                        }
                                    }
                                }
                                for (int h = 0; h < hidden; h++) {
                                    bytes.putFloat(c == 0 ? 0 : v[h] / c);
                                }
                            }
                        }
                        out.write(bytes.array());
                    }
                } finally {
                    for (OnnxTensor t : inputs.values()) {
                        t.close();
                    }
                }
            }
        }
        out.writeInt(-1);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = LayerProbeDump.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath");
        }
        return in;
    }
}
