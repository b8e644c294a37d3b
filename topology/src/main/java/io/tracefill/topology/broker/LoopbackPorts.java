package io.tracefill.topology.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP ports on the loopback address 127.0.0.1, where the embedded broker listens. */
public final class LoopbackPorts {
    /** The address every embedded listener binds to: nothing is reachable from other hosts. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** True when a server socket can bind {@code port} on 127.0.0.1 right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as the broker's own acceptor: a port in TIME_WAIT from a previous run is usable.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that was free a moment ago, chosen by the operating system. Another process may take it
     * before it is used; good enough for tests, where ephemeral ports are not handed out twice in a row.
     */
    public static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }
}
