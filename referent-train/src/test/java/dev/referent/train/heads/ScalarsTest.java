package dev.referent.train.heads;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A scalar factor must still be there when backward runs, whatever the garbage collector did in between. */
class ScalarsTest {

    @Test
    void scalarFactorSurvivesGarbageCollectionBeforeBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, 2f, 3f});
            w.setRequiresGradient(true);
            for (int round = 0; round < 3; round++) {
                try (NDManager step = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.mul(Scalars.of(step, 2.5f)).div(Scalars.of(step, 0.5f)).sum();
                    churnDirectMemory();
                    gc.backward(loss);
                    try (NDArray g = w.getGradient()) {
                        assertArrayEquals(new float[] {5f, 5f, 5f}, g.toFloatArray(), 1e-6f);
                        g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
                    }
                }
            }
        }
    }

    /** Frees unreachable direct buffers and fills new ones with a pattern, so freed memory would not read 2.5. */
    private static void churnDirectMemory() {
        System.gc();
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4096);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            buffers.add(b);
        }
        buffers.clear();
        System.gc();
    }
}
