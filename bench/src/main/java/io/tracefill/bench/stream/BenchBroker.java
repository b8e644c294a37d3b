package io.tracefill.bench.stream;

import io.tracefill.topology.broker.EmbeddedBroker;

import java.io.IOException;

/**
 * The stream benchmark's broker, run as a child process so the pipeline's memory and CPU are
 * measured apart from the broker's (as in production, where they are different machines or pods).
 * Prints {@code READY <bootstrap>} once it accepts clients; stops when its standard input closes,
 * which also happens when the parent dies.
 */
public final class BenchBroker {
    private BenchBroker() {
    }

    public static void main(String[] args) throws IOException {
        int clientPort = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        try (EmbeddedBroker broker = EmbeddedBroker.start(clientPort, controllerPort)) {
            System.out.println("READY " + broker.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close the pipe
            }
        }
    }
}
