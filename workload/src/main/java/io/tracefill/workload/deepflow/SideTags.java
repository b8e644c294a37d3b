package io.tracefill.workload.deepflow;

/**
 * Knowledge-graph names of one side of a row that DeepFlow's Kafka exporter writes but the
 * {@code Flow} model does not hold (the engine never reads them). Each is written only when not
 * empty, as the exporter leaves out tags whose name lookup failed.
 *
 * @param region      {@code region_*}
 * @param az          {@code az_*}
 * @param node        {@code pod_node_*}, for a pod
 * @param namespace   {@code pod_ns_*}, for a pod
 * @param cluster     {@code pod_cluster_*}, for a pod
 * @param vpc         {@code l3_epc_*}
 * @param groupType   {@code pod_group_type_*} display name ({@code Deployment}, {@code StatefulSet} …), for a pod
 * @param k8sService  {@code service_*}: the Kubernetes Service in front of the pod
 */
public record SideTags(String region, String az, String node, String namespace, String cluster, String vpc,
                       String groupType, String k8sService) {

    /** Nothing known beyond the {@code Flow}'s own side: the Internet, or a test row. */
    public static final SideTags NONE = new SideTags("", "", "", "", "", "", "", "");

    public SideTags {
        region = orEmpty(region);
        az = orEmpty(az);
        node = orEmpty(node);
        namespace = orEmpty(namespace);
        cluster = orEmpty(cluster);
        vpc = orEmpty(vpc);
        groupType = orEmpty(groupType);
        k8sService = orEmpty(k8sService);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
