package io.tracefill.workload;

import io.tracefill.serdes.json.DerivedIds;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.workload.deepflow.SideTags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Kubernetes cluster the traffic runs in, fixed by the seed: four nodes with a DeepFlow agent
 * each (and a fifth agent on the edge gateway), every agent's clock a little off, and the pods of
 * an online shop placed on the nodes. Ids are the ones DeepFlow's exporter rows decode to (derived
 * from names), so a pod's rows and its OTLP resource name the same instance.
 */
final class Cluster {
    static final String REGION = "eu-west-1";
    static final String VPC = "vpc-shop-prod";
    static final String K8S_CLUSTER = "shop-prod";
    private static final String POD_SUBNET = "k8s-pod-network";
    /** Kubernetes' alphabet for generated name suffixes (no vowels, no look-alikes). */
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    /** An OpenTelemetry SDK in the pod's process, or none. */
    enum Sdk { JAVA, GO, PYTHON, NONE }

    /** A host and the DeepFlow agent on it; {@code analyzer} is the ingester its rows go through. */
    record Node(String name, String ip, String az, String agent, long skewUs, int analyzer, FlowSide side) {
    }

    /** A workload: what every pod of it runs and serves. */
    record Service(String name, String namespace, String groupType, String process, int port, Proto proto, Sdk sdk) {
    }

    record Pod(Service service, String name, Node node, String ip, int pid, FlowSide side, FlowSide withProcess,
               SideTags tags) {
        boolean instrumented() {
            return service.sdk() != Sdk.NONE;
        }
    }

    final List<Node> nodes = new ArrayList<>();
    /** The edge gateway's agent: sees requests from the Internet on both sides of the load balancer. */
    final Node gateway;
    private final Map<String, List<Pod>> pods = new LinkedHashMap<>();
    private int nextPodIp;

    Cluster(SplittableRandom rng, long maxSkewUs) {
        for (int i = 0; i < 4; i++) {
            String ip = "10.0." + (1 + i % 2) + "." + (11 + i);
            String name = "ip-10-0-" + (1 + i % 2) + "-" + (11 + i) + "." + REGION + ".compute.internal";
            String az = REGION + (i % 2 == 0 ? "a" : "b");
            FlowSide side = FlowSide.builder().ip(ip).autoInstance(name).autoInstanceType(ResourceType.POD_NODE)
                    .autoInstanceId(DerivedIds.resource(ResourceType.POD_NODE, name))
                    .subnet("subnet-private-" + az).subnetId(DerivedIds.subnet("subnet-private-" + az)).build();
            nodes.add(new Node(name, ip, az, name + "-V" + (i + 1), skew(rng, maxSkewUs), 1 + i % 2, side));
        }
        gateway = new Node("edge-gw-1", "10.0.0.5", REGION + "a", "edge-gw-1-V5", skew(rng, maxSkewUs), 1,
                FlowSide.EMPTY);
        add(rng, new Service("ingress-nginx-controller", "ingress-nginx", "Deployment", "nginx", 80, Proto.HTTP,
                Sdk.NONE), 2);
        add(rng, new Service("frontend", "shop", "Deployment", "java", 8080, Proto.HTTP, Sdk.JAVA), 2);
        add(rng, new Service("catalog", "shop", "Deployment", "java", 8080, Proto.HTTP, Sdk.JAVA), 2);
        add(rng, new Service("cart", "shop", "Deployment", "cartservice", 50051, Proto.GRPC, Sdk.GO), 2);
        add(rng, new Service("checkout", "shop", "Deployment", "java", 8080, Proto.HTTP, Sdk.JAVA), 1);
        add(rng, new Service("payment", "shop", "Deployment", "paymentservice", 50051, Proto.GRPC, Sdk.GO), 2);
        add(rng, new Service("recommend", "shop", "Deployment", "python3", 50051, Proto.GRPC, Sdk.PYTHON), 1);
        add(rng, new Service("mysql", "data", "StatefulSet", "mysqld", 3306, Proto.MYSQL, Sdk.NONE), 1);
        add(rng, new Service("redis-master", "data", "StatefulSet", "redis-server", 6379, Proto.REDIS, Sdk.NONE), 1);
        add(rng, new Service("coredns", "kube-system", "Deployment", "coredns", 53, Proto.DNS, Sdk.NONE), 2);
        add(rng, new Service("prometheus-server", "monitoring", "StatefulSet", "prometheus", 9090, Proto.HTTP,
                Sdk.NONE), 1);
        add(rng, new Service("inventory-sync", "shop", "Deployment", "python3", 8080, Proto.HTTP, Sdk.NONE), 1);
    }

    private static long skew(SplittableRandom rng, long max) {
        return max == 0 ? 0 : rng.nextLong(-max, max + 1);
    }

    private void add(SplittableRandom rng, Service s, int replicas) {
        List<Pod> list = new ArrayList<>();
        String replicaSet = s.groupType().equals("Deployment") ? suffix(rng, 10) : "";
        for (int r = 0; r < replicas; r++) {
            String name = replicaSet.isEmpty() ? s.name() + "-" + r
                    : s.name() + "-" + replicaSet + "-" + suffix(rng, 5);
            // spread replicas over nodes, as the scheduler's anti-affinity would
            Node node = nodes.get((rng.nextInt(nodes.size()) + r) % nodes.size());
            int n = nextPodIp++;
            String ip = "10.244." + (1 + nodes.indexOf(node)) + "." + (10 + n);
            int pid = 2_000 + rng.nextInt(60_000);
            FlowSide side = FlowSide.builder()
                    .autoInstance(name).autoInstanceType(ResourceType.POD)
                    .autoInstanceId(DerivedIds.resource(ResourceType.POD, name))
                    .autoService(s.name()).autoServiceType(ResourceType.POD_GROUP)
                    .autoServiceId(DerivedIds.resource(ResourceType.POD_GROUP, s.name()))
                    .subnet(POD_SUBNET).subnetId(DerivedIds.subnet(POD_SUBNET)).ip(ip)
                    .build();
            FlowSide withProcess = side.toBuilder().processId(pid).processKname(s.process()).gprocess(s.process())
                    .build();
            SideTags tags = new SideTags(REGION, node.az(), node.name(), s.namespace(), K8S_CLUSTER, VPC,
                    s.groupType(), s.name());
            list.add(new Pod(s, name, node, ip, pid, side, withProcess, tags));
        }
        pods.put(s.name(), list);
    }

    private static String suffix(SplittableRandom rng, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = NAME_CHARS.charAt(rng.nextInt(NAME_CHARS.length()));
        }
        return new String(c);
    }

    /** A pod of the service, picked as a Service's load balancing would. */
    Pod pick(String service, SplittableRandom rng) {
        List<Pod> list = pods(service);
        return list.get(rng.nextInt(list.size()));
    }

    List<Pod> pods(String service) {
        List<Pod> list = pods.get(service);
        if (list == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return list;
    }

    /** Every pod, in a fixed order. */
    List<Pod> allPods() {
        List<Pod> all = new ArrayList<>();
        pods.values().forEach(all::addAll);
        return all;
    }

    /** Tags of a node as a side of a row (the kubelet probing a pod). */
    SideTags nodeTags(Node node) {
        return new SideTags(REGION, node.az(), node.name(), "", "", VPC, "", "");
    }
}
