package dev.referent.model.heads;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float tensors in the model's binary format ({@code heads.bin}), little-endian:
 * <pre>
 *   "RFW1"                      4-byte magic
 *   int32 count                 number of tensors
 *   count times:
 *     int32 n, n bytes          name, UTF-8
 *     int32 rank, rank x int32  shape
 *     prod(shape) x float32     values, row-major
 * </pre>
 * Matrices of linear layers are stored as [out, in], as PyTorch stores them.
 */
public final class Weights {

    private static final byte[] MAGIC = {'R', 'F', 'W', '1'};

    /** One tensor. */
    public record Tensor(int[] shape, float[] data) {

        public Tensor {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("tensor data has " + data.length + " values, shape needs " + n);
            }
        }

        public int dim(int i) {
            return shape[i];
        }
    }

    private final Map<String, Tensor> tensors;

    public Weights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The tensor {@code name}, checked against the expected rank. */
    public Tensor get(String name, int rank) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("model weights lack tensor '" + name + "'");
        }
        if (t.shape().length != rank) {
            throw new IllegalArgumentException("tensor '" + name + "' has rank " + t.shape().length + ", expected " + rank);
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public static Weights read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Weights read(InputStream input, String source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(input, 1 << 16));
        byte[] magic = new byte[4];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(source + ": not a Referent weights file (bad magic)");
        }
        int count = Integer.reverseBytes(in.readInt());
        if (count < 0 || count > 10_000) {
            throw new IOException(source + ": implausible tensor count " + count);
        }
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            int nameLength = Integer.reverseBytes(in.readInt());
            byte[] name = new byte[nameLength];
            in.readFully(name);
            int rank = Integer.reverseBytes(in.readInt());
            if (rank < 0 || rank > 8) {
                throw new IOException(source + ": tensor " + t + " has rank " + rank);
            }
            int[] shape = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = Integer.reverseBytes(in.readInt());
                size *= shape[i];
            }
            if (size > 200_000_000L) {
                throw new IOException(source + ": tensor " + t + " too large");
            }
            byte[] bytes = new byte[(int) size * 4];
            in.readFully(bytes);
            float[] data = new float[(int) size];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            map.put(new String(name, StandardCharsets.UTF_8), new Tensor(shape, data));
        }
        return new Weights(map);
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public void write(OutputStream output) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(output, 1 << 16));
        out.write(MAGIC);
        out.writeInt(Integer.reverseBytes(tensors.size()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeInt(Integer.reverseBytes(name.length));
            out.write(name);
            int[] shape = e.getValue().shape();
            out.writeInt(Integer.reverseBytes(shape.length));
            for (int d : shape) {
                out.writeInt(Integer.reverseBytes(d));
            }
            ByteBuffer buffer = ByteBuffer.allocate(e.getValue().data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(e.getValue().data());
            out.write(buffer.array());
        }
        out.flush();
    }
}
