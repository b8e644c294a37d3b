package io.tracefill.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kept-alive TCP connections between pods (HTTP keep-alive, gRPC channels, connection pools),
 * so that a client port carries many requests and its tcp seqs advance by the bytes sent, as on
 * a real wire. Each request on a connection gets the seq of its first byte in each direction.
 */
final class Connections {
    /** At most this many connections from one pod to another; a new one is opened now and then. */
    private static final int POOL = 4;

    /** One TCP connection's state. */
    static final class Connection {
        final int clientPort;
        private long nextReqSeq;
        private long nextRespSeq;
        private long nextStreamId = 1;
        private long clientCapSeq;
        private long serverCapSeq;

        Connection(int clientPort, long reqIsn, long respIsn) {
            this.clientPort = clientPort;
            this.nextReqSeq = reqIsn;
            this.nextRespSeq = respIsn;
        }
    }

    /**
     * What one request used of a connection.
     *
     * @param streamId     the HTTP/2 stream (odd, counting up per connection), for gRPC
     * @param clientCapSeq per-socket capture sequence of the client's request write (its response read is +1)
     * @param serverCapSeq the same on the server's socket (request read; response write is +1)
     */
    record Use(int clientPort, long reqSeq, long respSeq, long streamId, long clientCapSeq, long serverCapSeq) {
    }

    private final Ids ids;
    private final Map<String, List<Connection>> pools = new HashMap<>();

    Connections(Ids ids) {
        this.ids = ids;
    }

    /** A request of {@code reqBytes} answered with {@code respBytes} between two pods. */
    Use use(String clientPod, String serverPod, long reqBytes, long respBytes) {
        List<Connection> pool = pools.computeIfAbsent(clientPod + ' ' + serverPod, k -> new ArrayList<>());
        Connection c;
        if (pool.size() < POOL && (pool.isEmpty() || ids.chance(0.2))) {
            c = new Connection(ids.ephemeralPort(), ids.tcpSeq(), ids.tcpSeq());
            pool.add(c);
        } else {
            c = pool.get(ids.rng().nextInt(pool.size()));
        }
        Use u = new Use(c.clientPort, c.nextReqSeq, c.nextRespSeq, c.nextStreamId, c.clientCapSeq + 1,
                c.serverCapSeq + 1);
        c.nextReqSeq = advance(c.nextReqSeq, reqBytes);
        c.nextRespSeq = advance(c.nextRespSeq, respBytes);
        c.nextStreamId += 2;
        c.clientCapSeq += 2;
        c.serverCapSeq += 2;
        return u;
    }

    /** Sequence numbers wrap at 2^32; 0 is skipped because DeepFlow reads it as "no seq". */
    private static long advance(long seq, long bytes) {
        long next = (seq + bytes) & 0xffff_ffffL;
        return next == 0 ? 1 : next;
    }
}
