package io.tracefill.workload;

import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.workload.deepflow.SideTags;

/**
 * One end of a connection as DeepFlow's rows describe it: the side's tags without and with the
 * process (only eBPF rows carry the process), and the knowledge-graph names of the exporter.
 */
record Party(FlowSide side, FlowSide withProcess, SideTags tags) {

    static Party of(Cluster.Pod pod) {
        return new Party(pod.side(), pod.withProcess(), pod.tags());
    }

    /** A client on the Internet: an address, nothing else known. */
    static Party internet(String ip) {
        FlowSide side = FlowSide.builder().ip(ip).autoInstanceType(ResourceType.INTERNET_IP).build();
        return new Party(side, side, SideTags.NONE);
    }

    /** The node itself (the kubelet probing a pod). */
    static Party node(Cluster cluster, Cluster.Node node) {
        return new Party(node.side(), node.side(), cluster.nodeTags(node));
    }
}
