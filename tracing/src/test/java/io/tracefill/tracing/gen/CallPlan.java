package io.tracefill.tracing.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one request before any row is written: which pod serves it and, in time order,
 * the calls it makes meanwhile. Every random choice about structure is taken here, so the row
 * count is known before timing and ids are drawn.
 */
final class CallPlan {
    private CallPlan() {
    }

    /** Wire protocols of a call, with the DeepFlow fields they decide. */
    enum Protocol { HTTP, GRPC, MYSQL, REDIS, DNS }

    /** One pod serving one request. */
    static final class Handler {
        final Cluster.Pod pod;
        final int service;
        final List<Call> calls = new ArrayList<>();
        int serviceCalls;
        int dbCalls;
        /** A service call has been made from the serving thread (later ones may use worker threads). */
        boolean threadCalledService;

        /** @param service position of the pod's application service, or -1 for other pods */
        Handler(Cluster.Pod pod, int service) {
            this.pod = pod;
            this.service = service;
        }

        boolean isApp() {
            return pod.kind() == Cluster.Kind.APP;
        }
    }

    /**
     * One outgoing call of a handler.
     *
     * @param dnsFirst     the caller resolves the callee's name first (a DNS lookup on the same thread)
     * @param workerThread made from a thread other than the one serving the request
     */
    record Call(Protocol protocol, Handler callee, boolean dnsFirst, boolean workerThread) {
        boolean isDb() {
            return protocol == Protocol.MYSQL || protocol == Protocol.REDIS;
        }
    }
}
