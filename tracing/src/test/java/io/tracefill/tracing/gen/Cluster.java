package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.FlowSide;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Kubernetes cluster the synthetic traffic runs in: nodes (one DeepFlow agent each, with its
 * own clock error), application services with one or two pods, a proxy, MySQL, Redis and
 * CoreDNS. Every trace of one generator runs in the same cluster, as real traces do, so an index
 * of many traces sees the same pods and processes again and again.
 */
final class Cluster {
    /** What runs in a pod; decides which rows a call to it produces. */
    enum Kind { APP, PROXY, MYSQL, REDIS, DNS }

    static final int POD = 10;
    static final int POD_NODE = 14;
    static final int INTERNET_IP = 0;
    private static final int AUTO_SERVICE_TYPE_WORKLOAD = 12;

    /** A node and the agent that captures its traffic. */
    record Node(String name, long agentId, long clockSkewUs, String ip) {
    }

    /**
     * One pod. The two {@link FlowSide}s are built once and shared by every row: with and
     * without the process tags that only eBPF rows carry.
     */
    record Pod(Kind kind, String service, String name, Node node, int pid, FlowSide side, FlowSide sideWithProcess) {
    }

    private static final String[] SERVICE_NAMES = {
            "frontend", "checkout", "cart", "catalog", "payment", "shipping", "currency", "recommend", "ad",
            "user", "auth", "inventory", "pricing", "search", "review", "order", "notify", "email", "profile",
            "session"};

    final List<Node> nodes = new ArrayList<>();
    /** Pods of each application service, by service position; position 0 is the frontend. */
    final List<List<Pod>> appPods = new ArrayList<>();
    final Pod proxy;
    final Pod mysql;
    final Pod redis;
    final Pod dns;
    /** The client of requests entering the cluster, an Internet address. */
    final FlowSide internet;

    private long nextInstanceId = 100;
    private int nextIp = 10;

    Cluster(TraceShape shape, SplittableRandom rng) {
        int nodeCount = Math.max(2, (shape.appServices() * 3 / 2 + 4) / 3);
        for (int i = 0; i < nodeCount; i++) {
            long skew = shape.maxClockSkewUs() == 0 ? 0
                    : rng.nextLong(-shape.maxClockSkewUs(), shape.maxClockSkewUs() + 1);
            nodes.add(new Node("node-" + (i + 1), i + 1, skew, "192.168.0." + (i + 10)));
        }
        for (int s = 0; s < shape.appServices(); s++) {
            String service = s < SERVICE_NAMES.length ? SERVICE_NAMES[s]
                    : SERVICE_NAMES[s % SERVICE_NAMES.length] + "-" + (s / SERVICE_NAMES.length + 1);
            int replicas = s == 0 ? 1 : 1 + rng.nextInt(2);
            List<Pod> pods = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                pods.add(pod(Kind.APP, service, s + 1, "java", rng));
            }
            appPods.add(pods);
        }
        proxy = pod(Kind.PROXY, "nginx", 900, "nginx", rng);
        mysql = pod(Kind.MYSQL, "mysql", 901, "mysqld", rng);
        redis = pod(Kind.REDIS, "redis", 902, "redis-server", rng);
        dns = pod(Kind.DNS, "coredns", 903, "coredns", rng);
        internet = FlowSide.builder().ip("203.0.113." + (1 + rng.nextInt(250))).autoInstanceType(INTERNET_IP)
                .autoServiceType(INTERNET_IP).build();
    }

    private Pod pod(Kind kind, String service, long serviceId, String process, SplittableRandom rng) {
        Node node = nodes.get(rng.nextInt(nodes.size()));
        long instanceId = nextInstanceId++;
        String name = service + "-" + Long.toHexString(0x5f00000L + instanceId * 7919L % 0xfffffL);
        String ip = "10.1." + (nextIp / 250) + "." + (nextIp % 250 + 2);
        nextIp++;
        int pid = 1000 + rng.nextInt(60_000);
        FlowSide side = FlowSide.builder()
                .autoInstanceId(instanceId).autoInstance(name).autoInstanceType(POD)
                .autoServiceId(serviceId).autoService(service).autoServiceType(AUTO_SERVICE_TYPE_WORKLOAD)
                .subnetId(1).subnet("pod-net").ip(ip)
                .build();
        FlowSide withProcess = side.toBuilder().processId(pid).processKname(process).gprocess(process).build();
        return new Pod(kind, service, name, node, pid, side, withProcess);
    }

    /** A random pod of application service {@code s}. */
    Pod appPod(int s, SplittableRandom rng) {
        List<Pod> pods = appPods.get(s);
        return pods.get(rng.nextInt(pods.size()));
    }

    int appServices() {
        return appPods.size();
    }

    /** Client tags of a kubelet probe: the node itself. */
    FlowSide nodeSide(Node node) {
        return FlowSide.builder().ip(node.ip()).autoInstance(node.name()).autoInstanceType(POD_NODE).build();
    }
}
