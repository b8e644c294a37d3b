package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.resource.v1.Resource;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.SpanServiceTags;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.Values;

import java.util.Set;

/**
 * The OTLP resource a span belongs to: what Jaeger lists as a service (and shows as the span's
 * process), what Tempo groups by. Spans with equal resources share one {@code ResourceSpans}.
 *
 * <ul>
 *   <li><b>App (OTel) spans</b>: {@code service.name} = {@code app_service}, instance =
 *       {@code app_instance}: the names the application itself reported.</li>
 *   <li><b>eBPF spans</b>: the process DeepFlow saw, named after its service and executable,
 *       {@code "orders (java)"}; without a service, its instance ({@code "orders-7c9d-x2k4q
 *       (java)"}), address, or the executable alone. Kept apart from the app's own service
 *       name on purpose: one row in Jaeger's list per view, SDK vs kernel.</li>
 *   <li><b>Packet spans</b>: the capture point, {@code "network: node-a c-nd"}: the agent's host
 *       (or {@code agent <id>} when the row does not name it) and the observation point, so each
 *       hop of the network path is one service.</li>
 * </ul>
 *
 * @param signal       DeepFlow's signal source name ({@code OTel}, {@code eBPF}, {@code Packet})
 * @param serviceName  {@code service.name}
 * @param instanceId   {@code service.instance.id}, or ""
 * @param pid          {@code process.pid}, or 0
 * @param executable   {@code process.executable.name}, or ""
 * @param podName      {@code k8s.pod.name}, or ""
 * @param hostName     {@code host.name}, or ""
 * @param autoInstance DeepFlow's {@code auto_instance} of the span's side, or ""
 * @param autoService  DeepFlow's {@code auto_service} of the span's side, or ""
 * @param gprocess     DeepFlow's {@code gprocess}, or ""
 */
record ServiceResource(String signal, String serviceName, String instanceId, long pid, String executable,
                       String podName, String hostName, String autoInstance, String autoService, String gprocess) {

    static final String SDK_NAME = "tracefill";

    static ServiceResource of(TracedSpan s) {
        Flow f = s.flow();
        return switch (f.signalSource()) {
            case SignalSource.OTEL -> app(s);
            case SignalSource.EBPF -> process(s);
            case SignalSource.PACKET -> network(f, "network");
            default -> network(f, "deepflow " + signalName(f));
        };
    }

    private static ServiceResource app(TracedSpan s) {
        Flow f = s.flow();
        FlowSide own = s.ownSide();
        SpanServiceTags tags = s.tags();
        String name = first(f.appService(), own.autoService(), tags.autoService(), "unknown service");
        return new ServiceResource(signalName(f), name, first(f.appInstance(), own.autoInstance()), 0, "",
                pod(own), host(own, f), own.autoInstance(), own.autoService(), "");
    }

    private static ServiceResource process(TracedSpan s) {
        Flow f = s.flow();
        FlowSide own = s.ownSide();
        SpanServiceTags tags = s.tags();
        String executable = first(own.processKname(), tags.processKname());
        String program = first(executable, own.gprocess(), tags.gprocess());
        String base = first(own.autoService(), tags.autoService(), own.autoInstance(), own.ip(), tags.ip());
        String name;
        if (!base.isEmpty() && !program.isEmpty()) {
            name = base + " (" + program + ")";
        } else {
            name = first(base, program, "unknown process");
        }
        long pid = s.processId() != null ? s.processId() : own.processId();
        String where = first(own.autoInstance(), own.ip(), f.vtapId() != 0 ? "agent-" + f.vtapId() : "");
        String instance = pid > 0 && !where.isEmpty() ? where + ":" + pid : where;
        return new ServiceResource(signalName(f), name, instance, Math.max(pid, 0), executable, pod(own),
                first(f.resourceFromVtap(), host(own, f)), own.autoInstance(), own.autoService(),
                first(own.gprocess(), tags.gprocess()));
    }

    private static ServiceResource network(Flow f, String prefix) {
        String host = first(f.resourceFromVtap());
        String where = first(host, "agent " + f.vtapId());
        String point = first(f.tapSide(), "?");
        return new ServiceResource(signalName(f), prefix + ": " + where + " " + point, "agent-" + f.vtapId(), 0, "",
                "", host, "", "", "");
    }

    private static String pod(FlowSide own) {
        return own.autoInstanceType() == ResourceType.POD ? own.autoInstance() : "";
    }

    /** A VM or node that is itself the span's instance names the host. */
    private static String host(FlowSide own, Flow f) {
        int type = own.autoInstanceType();
        return type == ResourceType.CHOST || type == ResourceType.POD_NODE || type == ResourceType.HOST
                ? own.autoInstance() : "";
    }

    private static String signalName(Flow f) {
        String name = SignalSource.displayName(f.signalSource());
        return name != null ? name : Integer.toString(f.signalSource());
    }

    private static String first(String... values) {
        for (String v : values) {
            if (Values.present(v)) {
                return v;
            }
        }
        return "";
    }

    /** The resource, with its attributes in a fixed order. */
    Resource toResource() {
        AttributeList a = attributes();
        return Resource.newBuilder().addAllAttributes(a.values()).build();
    }

    /** The keys {@link #toResource()} writes; span attributes of the same key are left out. */
    Set<String> keys() {
        return attributes().keys();
    }

    private AttributeList attributes() {
        AttributeList a = new AttributeList();
        a.put("service.name", serviceName);
        a.put("service.instance.id", instanceId);
        a.put("telemetry.sdk.name", SDK_NAME);
        a.put(OtlpAttributes.SIGNAL_SOURCE, signal);
        if (pid > 0) {
            a.put("process.pid", pid);
        }
        a.put("process.executable.name", executable);
        a.put("k8s.pod.name", podName);
        a.put("host.name", hostName);
        a.put(OtlpAttributes.AUTO_INSTANCE, autoInstance);
        a.put(OtlpAttributes.AUTO_SERVICE, autoService);
        a.put(OtlpAttributes.GPROCESS, gprocess);
        return a;
    }
}
