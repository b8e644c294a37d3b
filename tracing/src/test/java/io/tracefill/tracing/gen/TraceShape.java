package io.tracefill.tracing.gen;

/**
 * The knobs of a synthetic trace. Shares are probabilities per decision (per call, per
 * observation); sizes are approximate because calls come in whole groups of rows.
 *
 * @param topology           a random call tree, or a straight chain of {@code appServices} services
 * @param targetFlows        rows the traced request should produce, roughly (TREE only)
 * @param appServices        OTel-instrumented application services in the cluster (the first is the frontend)
 * @param maxFanOut          service calls one handler makes at most while serving one request (and, separately,
 *                           database calls)
 * @param dbShare            share of new calls that go to MySQL or Redis (no trace context in those protocols)
 * @param grpcShare          share of service-to-service calls made over gRPC instead of HTTP/1.1
 * @param proxyShare         share of service-to-service calls routed through an uninstrumented proxy (eBPF only)
 * @param dnsShare           share of service-to-service calls preceded by a DNS lookup
 * @param workerThreadShare  share of traced calls (not a handler's first) made from another thread
 * @param splitShare         share of eBPF/Packet observations of HTTP, MySQL and Redis written as a request row
 *                           plus a response row instead of one session row
 * @param noisePerFlow       unrelated rows generated per row of the trace
 * @param maxClockSkewUs     each agent's clock is off by up to this much (keep it under host_clock_offset_us)
 * @param ingressXRequestId  the frontend mints an X-Request-ID that every traced call forwards
 * @param dbClientSpans      OTel instrumentation writes a c-app span for every MySQL / Redis call
 */
public record TraceShape(
        Topology topology,
        int targetFlows,
        int appServices,
        int maxFanOut,
        double dbShare,
        double grpcShare,
        double proxyShare,
        double dnsShare,
        double workerThreadShare,
        double splitShare,
        double noisePerFlow,
        long maxClockSkewUs,
        boolean ingressXRequestId,
        boolean dbClientSpans) {

    /** How the calls of one request are arranged. */
    public enum Topology { TREE, CHAIN }

    public TraceShape {
        if (appServices < 2) {
            // with one service no eBPF row carries the trace context, so none is reachable from the entry
            throw new IllegalArgumentException("need at least two application services, got " + appServices);
        }
        if (maxFanOut < 1) {
            throw new IllegalArgumentException("max fan-out must be >= 1, got " + maxFanOut);
        }
        if (maxClockSkewUs < 0) {
            throw new IllegalArgumentException("clock skew must be >= 0, got " + maxClockSkewUs);
        }
    }

    /**
     * A random call tree of roughly {@code flows} rows with the mix we see in microservice
     * clusters: about a third of calls to databases, a third of RPCs over gRPC, a few proxies and
     * DNS lookups, and half as much unrelated traffic again.
     */
    public static TraceShape ofSize(int flows) {
        int services = (int) Math.max(2, Math.min(40, Math.round(flows / 25.0)));
        return new TraceShape(Topology.TREE, flows, services, 6, 0.3, 0.3, 0.1, 0.1, 0.15, 0.03, 0.5, 3_000,
                true, true);
    }

    /**
     * {@code services} OTel services, each calling the next once over HTTP; nothing else (no
     * databases, proxies, DNS, split rows, worker threads or noise), so every row is easy to name.
     */
    public static TraceShape chain(int services) {
        return new TraceShape(Topology.CHAIN, 0, services, 1, 0, 0, 0, 0, 0, 0, 0, 3_000, true, true);
    }

    public TraceShape withDbShare(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, v, grpcShare, proxyShare, dnsShare,
                workerThreadShare, splitShare, noisePerFlow, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withGrpcShare(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, v, proxyShare, dnsShare,
                workerThreadShare, splitShare, noisePerFlow, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withProxyShare(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, v, dnsShare,
                workerThreadShare, splitShare, noisePerFlow, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withDnsShare(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, proxyShare, v,
                workerThreadShare, splitShare, noisePerFlow, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withWorkerThreadShare(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, proxyShare, dnsShare,
                v, splitShare, noisePerFlow, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withSplitShare(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, proxyShare, dnsShare,
                workerThreadShare, v, noisePerFlow, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withNoisePerFlow(double v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, proxyShare, dnsShare,
                workerThreadShare, splitShare, v, maxClockSkewUs, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withMaxClockSkewUs(long v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, proxyShare, dnsShare,
                workerThreadShare, splitShare, noisePerFlow, v, ingressXRequestId, dbClientSpans);
    }

    public TraceShape withIngressXRequestId(boolean v) {
        return new TraceShape(topology, targetFlows, appServices, maxFanOut, dbShare, grpcShare, proxyShare, dnsShare,
                workerThreadShare, splitShare, noisePerFlow, maxClockSkewUs, v, dbClientSpans);
    }
}
