package io.tracefill.workload.deepflow;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;

/**
 * What DeepFlow's Kafka exporter writes about a row beyond the {@link Flow} columns: the agent's
 * name (the {@code Flow} holds only the id derived from it), the client port, byte counts, thread
 * ids and the knowledge-graph names of both sides.
 *
 * @param agent          {@code agent}: the capturing agent's name; decoders derive {@code vtap_id} from it
 * @param clientPort     {@code client_port}
 * @param requestLength  {@code request_length} and {@code captured_request_byte}
 * @param responseLength {@code response_length} and {@code captured_response_byte}
 * @param syscallThread0 {@code syscall_thread_0} (eBPF client process rows), else 0
 * @param syscallThread1 {@code syscall_thread_1} (eBPF server process rows), else 0
 */
public record ExporterTags(String agent, int clientPort, long requestLength, long responseLength,
                           int syscallThread0, int syscallThread1, SideTags client, SideTags server) {

    public ExporterTags {
        agent = agent == null ? "" : agent;
        client = client == null ? SideTags.NONE : client;
        server = server == null ? SideTags.NONE : server;
    }

    /**
     * Plausible made-up tags for a row that came without them (benchmark input, test rows): an
     * EKS-like agent name from the row's agent id, a client port from its flow id, the same
     * region and cluster for every pod. Rows rendered with these decode with another
     * {@code vtap_id} (the id derived from the made-up name), consistently across rows.
     */
    public static ExporterTags plausible(Flow f) {
        String agent = "ip-10-1-0-" + f.vtapId() + ".eu-west-1.compute.internal-V" + f.vtapId();
        int clientPort = 30_000 + (int) Math.floorMod(f.flowId(), 30_000L);
        return new ExporterTags(agent, clientPort, 512, 1024, thread(f.client()), thread(f.server()),
                plausible(f.client()), plausible(f.server()));
    }

    private static int thread(FlowSide s) {
        return s.processId() == 0 ? 0 : s.processId() + 21;
    }

    private static SideTags plausible(FlowSide s) {
        if (s.autoInstanceType() != ResourceType.POD) {
            return new SideTags("eu-west-1", "eu-west-1a", "", "", "", "vpc-0a1b2c3d4e5f67890", "", "");
        }
        String node = "ip-10-1-0-" + Math.floorMod(s.autoInstance().hashCode(), 8) + ".eu-west-1.compute.internal";
        return new SideTags("eu-west-1", "eu-west-1a", node, "shop-production", "prod-eks-eu-west-1",
                "vpc-0a1b2c3d4e5f67890", "Deployment", s.autoService());
    }
}
