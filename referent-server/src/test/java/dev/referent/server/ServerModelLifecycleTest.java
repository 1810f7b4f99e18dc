package dev.referent.server;

import dev.referent.model.CorefModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's life in the server: the loader thread ends once the model is loaded, and a model that finishes
 * loading after the server was closed is closed too (its ONNX session and threads are not left to the JVM's end).
 */
class ServerModelLifecycleTest {

    private static ReferentServer.Config config() {
        return ReferentServer.Config.defaults().withPort(0).withWorkers(1);
    }

    @Test
    void aModelThatFinishesLoadingAfterShutdownIsClosedAndItsLoaderStops() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Thread> loaderThread = new AtomicReference<>();
        AtomicReference<CorefModel> loaded = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        ReferentServer server = ReferentServer.start(config(), () -> {
            loaderThread.set(Thread.currentThread());
            // a load that does not notice interruption (ONNX Runtime's session creation does not) outlasts close()
            while (true) {
                try {
                    closed.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
            CorefModel model = ReferentServerTest.model();
            loaded.set(model);
            return model;
        });
        server.close();
        closed.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((loaded.get() == null || !loaded.get().encoder().isClosed()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(loaded.get(), "the model never loaded");
        assertTrue(loaded.get().encoder().isClosed(), "the model loaded after shutdown was left open");
        assertTrue(interrupted.get(), "close() did not interrupt the load in progress");
        loaderThread.get().join(10_000);
        assertFalse(loaderThread.get().isAlive(), "the loader thread outlived the server");
        assertFalse(server.ready());
    }

    @Test
    void theLoaderThreadEndsOnceTheModelIsLoadedAndCloseReleasesTheModelOnce() throws Exception {
        AtomicReference<Thread> loaderThread = new AtomicReference<>();
        AtomicReference<CorefModel> loaded = new AtomicReference<>();
        ReferentServer server = ReferentServer.start(config(), () -> {
            loaderThread.set(Thread.currentThread());
            CorefModel model = ReferentServerTest.model();
            loaded.set(model);
            return model;
        });
        try {
            server.awaitReady(Duration.ofSeconds(60));
            assertTrue(server.ready());
            loaderThread.get().join(10_000);
            assertFalse(loaderThread.get().isAlive(), "the loader thread idles for the server's whole life");
            assertFalse(loaded.get().encoder().isClosed(), "a serving model was closed");
        } finally {
            server.close();
        }
        assertTrue(loaded.get().encoder().isClosed());
        server.close(); // a second close is harmless
    }
}
