package io.tracefill.topology.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGTERM) for a command that stops its own parts: the shutdown hook only asks the run to
 * stop ({@link #requested()}), then keeps the JVM alive until the run has stopped everything and
 * said so ({@link #close()}), at most {@code wait}.
 */
final class GracefulStop implements AutoCloseable {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private GracefulStop(String name, Duration wait) {
        this.hook = new Thread(() -> {
            requested.countDown();
            try {
                finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    static GracefulStop install(String name, Duration wait) {
        GracefulStop stop = new GracefulStop(name, wait);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Counted down when the user asked to stop. */
    CountDownLatch requested() {
        return requested;
    }

    /** The run has stopped: let a waiting shutdown go on, or drop the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is running the hooks already
        }
    }
}
