package dev.referent.model.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.referent.model.Cancellation;
import dev.referent.model.heads.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the pre-trained transformer over a document's words with ONNX Runtime and returns, for each wordpiece, its
 * vector from each requested transformer layer. Documents of any length are cut into overlapping windows of
 * {@link EncoderSpec#maxPieces()} wordpieces; every wordpiece takes its vectors from the window in which it is most
 * central, so that it always sees context on both sides. Thread-safe: one instance (one ONNX session) serves all
 * threads.
 *
 * <p>Layers are numbered 0 (embeddings) to L (the last layer, the graph's {@code last_hidden_state}). The shipped
 * encoders are sentence-embedding models whose last layer has been trained towards one pooled vector and keeps
 * little word-level information (a linear probe tags 56 % of OntoGUM words correctly from bge-small's last layer and
 * 93 % from its layer 3), so the coreference heads read a mix of several layers, which {@link OnnxGraph} exposes.
 */
public final class WordEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WordEncoder.class);

    /** Windows run through the encoder together. */
    /**
     * Windows of one document per encoder call. Four in one call ran the encoder stage 4-8 % faster than one at a
     * time on OntoGUM dev (docs/BENCHMARKS.md, "Stages"); the system property {@code referent.encoder.batch} is there
     * to repeat that measurement.
     */
    private static final int BATCH = Math.max(1, Integer.getInteger("referent.encoder.batch", 4));

    private final EncoderSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    private final long clsId;
    private final long sepId;
    private final int stride;

    /**
     * Piece vectors of a document and the pieces of each word. {@code pieces} holds {@code layers} blocks of
     * {@code pieceCount x hidden} values, one block per requested layer in the requested order. {@code specials}
     * (null when not kept) holds, per layer and window ({@link #windowStarts}), the [CLS] and [SEP] vectors: with
     * them a window's input to a layer can be rebuilt, which fine-tuning the top layers needs.
     */
    public record Encoded(float[] pieces, int layers, int pieceCount, int hidden, int[] wordStart, int[] wordEnd,
                          float[] specials) {

        public Encoded {
            if (pieces.length != (long) layers * pieceCount * hidden) {
                throw new IllegalArgumentException("pieces holds " + pieces.length + " values, expected " + layers + " x "
                        + pieceCount + " x " + hidden);
            }
            if (specials != null && specials.length % (layers * 2 * hidden) != 0) {
                throw new IllegalArgumentException("specials holds " + specials.length + " values, not a multiple of "
                        + layers + " x 2 x " + hidden);
            }
        }

        public Encoded(float[] pieces, int layers, int pieceCount, int hidden, int[] wordStart, int[] wordEnd) {
            this(pieces, layers, pieceCount, hidden, wordStart, wordEnd, null);
        }

        /** Windows the specials cover (0 when none are kept). */
        public int windows() {
            return specials == null ? 0 : specials.length / (layers * 2 * hidden);
        }

        /** A single-layer encoding. */
        public Encoded(float[] pieces, int pieceCount, int hidden, int[] wordStart, int[] wordEnd) {
            this(pieces, 1, pieceCount, hidden, wordStart, wordEnd);
        }

        public int words() {
            return wordStart.length;
        }
    }

    /** Requested layers (0 = embeddings) and the graph output that carries each. */
    private final int[] layers;
    private final String[] layerOutputs;

    /** ONNX sessions created and not yet closed, for the tests that check no failure path leaks one. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN_SESSIONS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private WordEncoder(EncoderSpec spec, int threads, double overlap, int[] layers, Weights tunedLayers)
            throws OrtException, IOException {
        this.spec = spec;
        this.env = OrtEnvironment.getEnvironment();
        byte[] graph = readResource(spec.onnxResource());
        if (tunedLayers != null) {
            graph = EncoderLayers.apply(graph, tunedLayers);
        }
        List<String> available = OnnxGraph.layerOutputs(graph); // embeddings, layer 1, ..., layer L
        int last = available.size() - 1;
        this.layers = layers == null ? new int[] {last} : layers.clone();
        this.layerOutputs = new String[this.layers.length];
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < this.layers.length; i++) {
            int l = this.layers[i];
            if (l < 0 || l > last) {
                throw new IllegalArgumentException("encoder " + spec.name() + " has layers 0.." + last + ", not " + l);
            }
            layerOutputs[i] = available.get(l); // the last one is the graph's own output, last_hidden_state
            if (l != last && !extra.contains(available.get(l))) {
                extra.add(available.get(l));
            }
        }
        if (!extra.isEmpty()) {
            graph = OnnxGraph.withOutputs(graph, extra);
        }
        // the options are only read while the session is created: closed right after, on failure too
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(graph, options);
        }
        OPEN_SESSIONS.incrementAndGet();
        HuggingFaceTokenizer loaded = null;
        try {
            this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
            Map<String, String> tokenizerOptions = new HashMap<>();
            tokenizerOptions.put("truncation", "false");
            tokenizerOptions.put("padding", "false");
            tokenizerOptions.put("addSpecialTokens", "false");
            tokenizerOptions.put("modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2));
            try (InputStream in = resource(spec.tokenizerResource())) {
                loaded = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
            }
            long[] specials = loaded.encode("", true, false).getIds();
            if (specials.length != 2) {
                throw new IllegalStateException("expected [CLS] and [SEP] from the tokenizer of " + spec.name());
            }
            this.clsId = specials[0];
            this.sepId = specials[1];
        } catch (IOException | RuntimeException | Error e) {
            // nobody will ever hold this half-built encoder to close it
            if (loaded != null) {
                loaded.close();
            }
            closeSession(e);
            throw e;
        }
        this.tokenizer = loaded;
        int content = spec.maxPieces() - 2;
        this.stride = Math.max(1, (int) Math.round(content * (1 - overlap)));
        LOG.debug("loaded encoder {} ({} threads, stride {})", spec.name(), threads, stride);
    }

    /** Closes the session of an encoder whose construction failed with {@code failure}, recording any close error there. */
    private void closeSession(Throwable failure) {
        try {
            session.close();
            OPEN_SESSIONS.decrementAndGet();
        } catch (OrtException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Whether {@link #close} has run (an owner that releases models, such as the server, can be checked). */
    public boolean isClosed() {
        return closed.get();
    }

    /** ONNX sessions of encoders created and not yet closed (in this class loader); for the model's leak tests. */
    public static int openSessions() {
        return OPEN_SESSIONS.get();
    }

    /**
     * Loads the encoder from the classpath.
     *
     * @param threads ONNX Runtime intra-op threads
     * @param overlap fraction of a window shared with the next one (0.25: each piece gets at least 1/8 of a window of
     *                context on each side)
     */
    public static WordEncoder load(EncoderSpec spec, int threads, double overlap) {
        return load(spec, threads, overlap, null);
    }

    /**
     * Loads the encoder from the classpath, returning the given layers (0 = embeddings; null: the last layer only).
     */
    public static WordEncoder load(EncoderSpec spec, int threads, double overlap, int[] layers) {
        return load(spec, threads, overlap, layers, null);
    }

    /**
     * Loads the encoder with fine-tuned layers: the encoder parameters among {@code tunedLayers} (see
     * {@link EncoderLayers}) replace the graph's own before the session is built; null or none: the graph as shipped.
     */
    public static WordEncoder load(EncoderSpec spec, int threads, double overlap, int[] layers, Weights tunedLayers) {
        if (overlap < 0 || overlap >= 1) {
            throw new IllegalArgumentException("overlap must be in [0, 1): " + overlap);
        }
        try {
            return new WordEncoder(spec, threads, overlap, layers, tunedLayers);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load encoder " + spec.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load encoder " + spec.name(), e);
        }
    }

    public static WordEncoder load(EncoderSpec spec) {
        return load(spec, Runtime.getRuntime().availableProcessors(), 0.25);
    }

    /** The tokenizer's [CLS] and [SEP] ids, which open and close every window. */
    public long[] specialIds() {
        return new long[] {clsId, sepId};
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** Parses a layer list such as {@code "0,1,2"} (0 = embeddings); blank: null, the last layer only. */
    public static int[] parseLayers(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.Arrays.stream(value.strip().split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layers must be comma-separated layer numbers, not '" + value + "'");
        }
    }

    /** The layers each encoding holds, in order (0 = embeddings). */
    public int[] layers() {
        return layers.clone();
    }

    private static InputStream resource(String name) {
        InputStream in = WordEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("encoder resource " + name + " is not on the classpath; add the encoder's "
                    + "Maven artifact to the dependencies");
        }
        return in;
    }

    /** The encoder's ONNX graph as shipped in its artifact. */
    public static byte[] graph(EncoderSpec spec) {
        try {
            return readResource(spec.onnxResource());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.onnxResource(), e);
        }
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = resource(name)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 24);
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** A document's wordpieces in word order and each word's {@code [wordStart, wordEnd)} range of them. */
    public record Pieces(long[] ids, int[] wordStart, int[] wordEnd) {

        public int count() {
            return ids.length;
        }

        public int words() {
            return wordStart.length;
        }
    }

    /**
     * One window's encoder output, handed to a {@link WindowSink} while it is valid (the arrays are reused or dropped
     * afterwards). The window covers document pieces {@code [start, start + length)} and owns {@code [from, to)}
     * among them: the pieces for which it is the most central window ({@link #owners}). Owned ranges are contiguous,
     * come in document order and together cover every piece once.
     */
    public static final class Window {

        private final int index;
        private final int start;
        private final int from;
        private final int to;
        private final float[][] layers;
        private final int cls;
        private final int sep;
        private final int hidden;

        Window(int index, int start, int from, int to, float[][] layers, int cls, int sep, int hidden) {
            this.index = index;
            this.start = start;
            this.from = from;
            this.to = to;
            this.layers = layers;
            this.cls = cls;
            this.sep = sep;
            this.hidden = hidden;
        }

        /** The window's number among {@link #windowStarts}. */
        public int index() {
            return index;
        }

        /** First document piece the window covers. */
        public int start() {
            return start;
        }

        /** First owned piece. */
        public int from() {
            return from;
        }

        /** End (exclusive) of the owned pieces. */
        public int to() {
            return to;
        }

        /** The array that holds layer {@code l}'s vectors (in the order the encoder returns its layers). */
        public float[] array(int l) {
            return layers[l];
        }

        /** Offset in {@link #array} of the vector of document piece {@code piece} (covered by this window). */
        public int offset(int piece) {
            return cls + (1 + piece - start) * hidden;
        }

        /** Offset in {@link #array} of the window's [CLS] vector. */
        public int clsOffset() {
            return cls;
        }

        /** Offset in {@link #array} of the window's [SEP] vector. */
        public int sepOffset() {
            return sep;
        }
    }

    /** Receives the windows of one document in order, each once (see {@link #encode(Pieces, Cancellation, WindowSink)}). */
    @FunctionalInterface
    public interface WindowSink {
        void accept(Window window);
    }

    /** Encodes the words of one document. */
    public Encoded encode(List<String> words) {
        return encode(words, Cancellation.NONE);
    }

    /**
     * Encodes the words of one document into one array of all layers' piece vectors, checking {@code cancellation}
     * before each batch of windows. That array grows with layers x pieces x hidden (seven layers of a 5 MB article
     * would not fit an int index), so it is for the short documents of training; inference streams the windows
     * instead ({@link #encode(Pieces, Cancellation, WindowSink)}).
     *
     * @throws IllegalArgumentException when the array would exceed the largest Java array
     */
    public Encoded encode(List<String> words, Cancellation cancellation) {
        Pieces pieces = tokenize(words);
        int total = pieces.count();
        int hidden = spec.hidden();
        long size = (long) layers.length * total * hidden;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a document of " + total + " wordpieces is too long to encode whole ("
                    + layers.length + " layers x " + total + " pieces x " + hidden + " values); encode it window by window");
        }
        float[] vectors = new float[(int) size];
        int windows = total == 0 ? 0 : windowStarts(total).length;
        float[] specials = new float[layers.length * windows * 2 * hidden];
        encode(pieces, cancellation, window -> {
            for (int l = 0; l < layers.length; l++) {
                float[] flat = window.array(l);
                int block = l * total * hidden;
                int sp = ((l * windows + window.index()) * 2) * hidden;
                System.arraycopy(flat, window.clsOffset(), specials, sp, hidden);
                System.arraycopy(flat, window.sepOffset(), specials, sp + hidden, hidden);
                int owned = window.to() - window.from();
                if (owned > 0) {
                    System.arraycopy(flat, window.offset(window.from()), vectors, block + window.from() * hidden,
                            owned * hidden);
                }
            }
        });
        return new Encoded(vectors, layers.length, total, hidden, pieces.wordStart(), pieces.wordEnd(), specials);
    }

    /** Splits the words of one document into wordpieces (no special tokens). */
    public Pieces tokenize(List<String> words) {
        int n = words.size();
        int[] wordStart = new int[n];
        int[] wordEnd = new int[n];
        long[] flat = new long[0];
        if (n > 0) {
            // pre-tokenised input: the pieces come in word order, so each word's pieces are one contiguous run
            Encoding enc = tokenizer.encode(words.toArray(new String[0]), false, false);
            flat = enc.getIds();
            long[] wordIds = enc.getWordIds();
            int next = 0;
            for (int p = 0; p < flat.length; p++) {
                int w = (int) wordIds[p];
                if (w < 0) {
                    continue; // not part of any word (no special tokens are requested, so none expected)
                }
                if (w >= next) {
                    for (; next <= w; next++) {
                        wordStart[next] = p; // words without pieces get an empty range here
                        wordEnd[next] = p;
                    }
                }
                wordEnd[w] = p + 1;
            }
            for (; next < n; next++) {
                wordStart[next] = flat.length;
                wordEnd[next] = flat.length;
            }
        }
        return new Pieces(flat, wordStart, wordEnd);
    }

    /**
     * Runs the encoder over a document's pieces window by window and hands each window's output to {@code sink}, in
     * document order, checking {@code cancellation} before each batch of windows. Memory stays that of one batch
     * of windows whatever the document's length; nothing is called for a document without pieces.
     */
    public void encode(Pieces pieces, Cancellation cancellation, WindowSink sink) {
        if (pieces.count() == 0) {
            return;
        }
        try {
            encodePieces(pieces.ids(), windowStarts(pieces.count()), sink, cancellation);
        } catch (OrtException e) {
            throw new IllegalStateException("encoder failed: " + e.getMessage(), e);
        }
    }

    /** Pieces between the starts of two consecutive windows (set by the overlap). */
    public int stride() {
        return stride;
    }

    /** Window start offsets covering {@code total} pieces, the last one aligned with the end. */
    public int[] windowStarts(int total) {
        int content = spec.maxPieces() - 2;
        if (total <= content) {
            return new int[] {0};
        }
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + content < total; s += stride) {
            starts.add(s);
        }
        starts.add(total - content);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each piece's owner window among {@code starts} ({@link #windowStarts}): the one where it is farthest from both edges. */
    public int[] owners(int[] starts, int total) {
        int length = Math.min(total, spec.maxPieces() - 2);
        int[] owner = new int[total];
        int[] margin = new int[total];
        java.util.Arrays.fill(margin, -1);
        for (int w = 0; w < starts.length; w++) {
            for (int p = starts[w]; p < starts[w] + length; p++) {
                int m = Math.min(p - starts[w], starts[w] + length - 1 - p);
                if (m > margin[p]) {
                    margin[p] = m;
                    owner[p] = w;
                }
            }
        }
        return owner;
    }

    private void encodePieces(long[] pieces, int[] starts, WindowSink sink, Cancellation cancellation)
            throws OrtException {
        int total = pieces.length;
        int content = spec.maxPieces() - 2;
        int length = Math.min(total, content);
        int[] owner = owners(starts, total);
        // each window owns one contiguous run of pieces, in order: [ownedFrom[w], ownedFrom[w + 1])
        int[] ownedFrom = new int[starts.length + 1];
        int w0 = 0;
        for (int p = 0; p < total; p++) {
            if (owner[p] < w0) { // cannot happen with windows of one length in increasing order (see owners)
                throw new IllegalStateException("piece " + p + " owned by window " + owner[p] + " after window " + w0);
            }
            while (w0 < owner[p]) {
                ownedFrom[++w0] = p;
            }
        }
        while (w0 < starts.length) {
            ownedFrom[++w0] = total;
        }
        int hidden = spec.hidden();
        int seq = length + 2;
        java.util.Set<String> outputNames = new java.util.LinkedHashSet<>(List.of(layerOutputs));
        for (int b = 0; b < starts.length; b += BATCH) {
            cancellation.check();
            int n = Math.min(BATCH, starts.length - b);
            long[] ids = new long[n * seq];
            long[] mask = new long[n * seq];
            for (int i = 0; i < n; i++) {
                int base = i * seq;
                ids[base] = clsId;
                System.arraycopy(pieces, starts[b + i], ids, base + 1, length);
                ids[base + seq - 1] = sepId;
                java.util.Arrays.fill(mask, base, base + seq, 1L);
            }
            long[] shape = {n, seq};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                if (needsTokenTypes) {
                    inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * seq]), shape));
                }
                float[][] out = new float[layers.length][];
                try (OrtSession.Result result = session.run(inputs, outputNames)) {
                    for (int l = 0; l < layers.length; l++) {
                        out[l] = ((OnnxTensor) result.get(layerOutputs[l]).orElseThrow()).getFloatBuffer().array();
                    }
                }
                for (int i = 0; i < n; i++) {
                    int w = b + i;
                    int cls = (i * seq) * hidden;
                    sink.accept(new Window(w, starts[w], ownedFrom[w], ownedFrom[w + 1], out, cls,
                            cls + (seq - 1) * hidden, hidden));
                }
            } finally {
                for (OnnxTensor t : inputs.values()) {
                    t.close();
                }
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a second close must not count the session twice
        }
        try {
            session.close();
            OPEN_SESSIONS.decrementAndGet();
        } catch (OrtException e) {
            LOG.warn("closing encoder session: {}", e.getMessage());
        }
        tokenizer.close();
    }
}
