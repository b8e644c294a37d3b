package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tracefill.serdes.json.DerivedIds;
import io.tracefill.serdes.model.ResourceType;

import java.util.List;

/**
 * What one OTLP resource gives every row of its spans, worked out once per resource: the
 * service and instance columns DeepFlow fills from it, the knowledge-graph instance that lines the
 * rows up with DeepFlow's eBPF rows of the same pod, the agent, and its attributes as text.
 *
 * <p>Instance: {@code k8s.pod.name} (type pod), else {@code k8s.node.name} (pod_node), else
 * {@code host.name} (host), with the id {@link DerivedIds#resource} gives the same name in
 * DeepFlow's exporter JSON. Service: the pod's workload ({@code k8s.deployment.name},
 * {@code k8s.statefulset.name}, {@code k8s.daemonset.name}) as a pod_group.
 */
final class ResourceContext {
    static final ResourceContext EMPTY = new ResourceContext();

    String appService = "";
    String appInstance = "";
    /** {@code app.host.ip} (DeepFlow: the span's own address), else {@code k8s.pod.ip}; canonical or "". */
    String ownIp = "";
    /** {@code sw8.trace_id} on the resource: overrides the trace id (SkyWalking data), or null. */
    String sw8TraceId;
    /** A resource key starts with "http": DeepFlow then takes the span for HTTP. */
    boolean isHttp;
    long vtapId;

    String instance = "";
    int instanceType;
    long instanceId;
    String service = "";
    int serviceType;
    long serviceId;

    /** Attribute names and texts in order, values not absent; both arrays hold {@code count}. */
    String[] names = new String[0];
    String[] texts = new String[0];
    int count;

    private ResourceContext() {
    }

    static ResourceContext of(Resource r, int maxStringLength) throws SpanFault {
        List<KeyValue> attrs = r.getAttributesList();
        if (attrs.isEmpty()) {
            return EMPTY;
        }
        ResourceContext c = new ResourceContext();
        c.names = new String[attrs.size()];
        c.texts = new String[attrs.size()];
        String pod = null;
        String node = null;
        String host = null;
        String podIp = null;
        String workload = null;
        for (int i = 0; i < attrs.size(); i++) {
            KeyValue kv = attrs.get(i);
            if (!kv.hasValue()) {
                continue; // DeepFlow skips an attribute without a value entirely
            }
            String key = Limits.attribute(kv.getKey(), maxStringLength, i, "key");
            AnyValue v = kv.getValue();
            String text = Limits.attribute(AttributeText.of(v), maxStringLength, i, "value");
            c.isHttp |= key.startsWith("http");
            c.names[c.count] = key;
            c.texts[c.count++] = text;
            String s = v.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? v.getStringValue() : null;
            switch (key) {
                case "service.name" -> c.appService = text;
                case "service.instance.id" -> c.appInstance = text;
                case "app.host.ip" -> {
                    String ip = IpLiteral.canonical(s);
                    if (ip != null) {
                        c.ownIp = ip;
                    }
                }
                case "sw8.trace_id" -> c.sw8TraceId = text.isEmpty() ? c.sw8TraceId : text;
                case "k8s.pod.name" -> pod = s;
                case "k8s.node.name" -> node = s;
                case "host.name" -> host = s;
                case "k8s.pod.ip" -> podIp = IpLiteral.canonical(s);
                case "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name" -> {
                    if (workload == null) {
                        workload = s;
                    }
                }
                case "df.capture_info.agent" -> c.vtapId = agentId(v);
                default -> {
                }
            }
        }
        if (c.ownIp.isEmpty() && podIp != null) {
            c.ownIp = podIp;
        }
        if (present(pod)) {
            c.instance(pod, ResourceType.POD);
            if (present(workload)) {
                c.service = workload;
                c.serviceType = ResourceType.POD_GROUP;
                c.serviceId = DerivedIds.resource(ResourceType.POD_GROUP, workload);
            }
        } else if (present(node)) {
            c.instance(node, ResourceType.POD_NODE);
        } else if (present(host)) {
            c.instance(host, ResourceType.HOST);
        }
        return c;
    }

    private void instance(String name, int type) {
        instance = name;
        instanceType = type;
        instanceId = DerivedIds.resource(type, name);
    }

    /**
     * The agent named as DeepFlow's own OTLP export names it: a name gets the id the exporter
     * JSON's {@code agent} gets; a non-negative integer is the id itself.
     */
    private static long agentId(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue().isEmpty() ? 0 : DerivedIds.agent(v.getStringValue());
            case INT_VALUE -> Math.max(0, v.getIntValue());
            default -> 0;
        };
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
