package io.tracefill.topology.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.otlp.OtlpAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A completed trace as tracefill writes it (OTLP, docs/otlp-output.md) drawn as an indented tree
 * for a terminal, one line per span:
 *
 * <pre>
 * A s-app frontend | HTTP GET /api/cart | 41.20 ms
 * `-S s-p frontend (java) | HTTP GET /api/cart | 40.95 ms | s-p sys-span mounted due to ...
 * </pre>
 *
 * <p>A, S, N: app span (OTel), system span (eBPF), network span (packets), as DeepFlow's tracing
 * view names them; then the observation point (tap side), the service (A, S) or the capture
 * interface (N), protocol, resource, duration and the engine's mount reason (why the span hangs
 * under its parent). Children are ordered by start time, two columns further in than their parent.
 * Plain ASCII, so any terminal shows it.
 */
public final class TraceTree {
    /** Longest resource text drawn; SQL statements can be long. */
    private static final int RESOURCE_CHARS = 60;

    /** One span as drawn. */
    public record Node(char kind, String tapSide, String who, String protocol, String resource, long durationNs,
                       String mountReason, long startNs, List<Node> children) {
    }

    private final String traceId;
    private final List<Node> roots;
    private final int spans;
    private final Map<Character, Integer> kinds;

    private TraceTree(String traceId, List<Node> roots, int spans, Map<Character, Integer> kinds) {
        this.traceId = traceId;
        this.roots = roots;
        this.spans = spans;
        this.kinds = kinds;
    }

    /** The tree of one trace's spans, linked by {@code parentSpanId}; spans whose parent is absent are roots. */
    public static TraceTree of(TracesData data) {
        record Flat(Span span, Node node) {
        }
        List<Flat> flat = new ArrayList<>();
        Map<ByteString, Node> byId = new HashMap<>();
        Map<Character, Integer> kinds = new HashMap<>();
        String traceId = "";
        for (ResourceSpans rs : data.getResourceSpansList()) {
            String service = attribute(rs.getResource(), "service.name");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    Node n = node(s, rs.getResource(), service);
                    flat.add(new Flat(s, n));
                    byId.putIfAbsent(s.getSpanId(), n);
                    kinds.merge(n.kind(), 1, Integer::sum);
                    if (traceId.isEmpty()) {
                        traceId = HexFormat.of().formatHex(s.getTraceId().toByteArray());
                    }
                }
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Flat f : flat) {
            Node parent = f.span().getParentSpanId().isEmpty() ? null : byId.get(f.span().getParentSpanId());
            (parent == null || parent == f.node() ? roots : parent.children()).add(f.node());
        }
        Comparator<Node> byStart = Comparator.comparingLong(Node::startNs); // stable: ties keep output order
        roots.sort(byStart);
        for (Flat f : flat) {
            f.node().children().sort(byStart);
        }
        return new TraceTree(traceId, roots, flat.size(), kinds);
    }

    public String traceId() {
        return traceId;
    }

    public List<Node> roots() {
        return roots;
    }

    public int spanCount() {
        return spans;
    }

    /** Spans of a kind: 'A', 'S' or 'N'. */
    public int count(char kind) {
        return kinds.getOrDefault(kind, 0);
    }

    /** The longest root's duration, ns. */
    public long durationNs() {
        return roots.stream().mapToLong(Node::durationNs).max().orElse(0);
    }

    /**
     * The header line and one line per span, at most {@code maxSpans} of them (depth first, as
     * drawn); a last line says how many were left out.
     */
    public List<String> lines(int maxSpans) {
        List<String> out = new ArrayList<>();
        Node first = roots.isEmpty() ? null : roots.get(0);
        out.add("trace " + traceId + (first == null ? "" : "  " + first.resource()) + "  " + spans + " spans (A "
                + count('A') + ", S " + count('S') + ", N " + count('N') + ")  " + millis(durationNs()));
        int[] left = {maxSpans};
        for (Node root : roots) {
            draw(root, "", "", out, left);
        }
        int drawn = out.size() - 1;
        if (drawn < spans) {
            out.add("... " + (spans - drawn) + " more spans");
        }
        return out;
    }

    private static void draw(Node n, String lead, String childLead, List<String> out, int[] left) {
        if (left[0] <= 0) {
            return;
        }
        left[0]--;
        StringBuilder line = new StringBuilder(lead).append(n.kind()).append(' ');
        if (!n.tapSide().isEmpty()) {
            line.append(n.tapSide()).append(' ');
        }
        line.append(n.who().isEmpty() ? "?" : n.who()).append(" | ");
        if (!n.protocol().isEmpty()) {
            line.append(n.protocol()).append(' ');
        }
        line.append(n.resource()).append(" | ").append(millis(n.durationNs()));
        if (!n.mountReason().isEmpty()) {
            line.append(" | ").append(n.mountReason());
        }
        out.add(line.toString());
        for (int i = 0; i < n.children().size(); i++) {
            boolean last = i == n.children().size() - 1;
            // two columns a level: DeepFlow's trees are deep (each call is a chain of c-p, NICs, s-p)
            draw(n.children().get(i), childLead + (last ? "`-" : "|-"), childLead + (last ? "  " : "| "), out, left);
        }
    }

    private static Node node(Span s, Resource resource, String service) {
        String signal = attribute(s, OtlpAttributes.SIGNAL_SOURCE);
        char kind = switch (signal) {
            case "OTel" -> 'A';
            case "eBPF" -> 'S';
            default -> 'N';
        };
        String who = service;
        if (kind == 'N') {
            // a network span is where the packets were seen: the interface, on its host
            String nic = attribute(s, OtlpAttributes.CAPTURE_NIC_NAME);
            String host = attribute(resource, "host.name");
            who = nic.isEmpty() ? service : nic + (host.isEmpty() ? "" : "@" + host);
        }
        String protocol = attribute(s, OtlpAttributes.L7_PROTOCOL);
        if (protocol.equals("N/A")) {
            protocol = ""; // DeepFlow's name for "none parsed", e.g. an app span without protocol attributes
        }
        String resourceText = resourceOf(s, kind);
        long duration = Math.max(0, s.getEndTimeUnixNano() - s.getStartTimeUnixNano());
        return new Node(kind, attribute(s, OtlpAttributes.TAP_SIDE), who, protocol, resourceText, duration,
                attribute(s, OtlpAttributes.MOUNT_REASON), s.getStartTimeUnixNano(), new ArrayList<>());
    }

    /** Request type and resource as DeepFlow parsed them (e.g. GET /api/cart), else the span's name. */
    private static String resourceOf(Span s, char kind) {
        String type = attribute(s, OtlpAttributes.REQUEST_TYPE);
        String resource = attribute(s, OtlpAttributes.REQUEST_RESOURCE);
        String text;
        if (kind == 'A' || resource.isEmpty()) {
            text = s.getName(); // an app span's name is its endpoint, what the SDK called it
        } else {
            text = type.isEmpty() || resource.startsWith(type) ? resource : type + " " + resource;
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= RESOURCE_CHARS ? text : text.substring(0, RESOURCE_CHARS - 3) + "...";
    }

    /** {@code 41.20 ms}: two decimals below a second's worth of ms precision is what a reader compares. */
    static String millis(long ns) {
        return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }

    private static String attribute(Span s, String key) {
        return text(s.getAttributesList(), key);
    }

    private static String attribute(Resource r, String key) {
        return text(r.getAttributesList(), key);
    }

    private static String text(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue();
                    case INT_VALUE -> Long.toString(v.getIntValue());
                    case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                    case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                    default -> "";
                };
            }
        }
        return "";
    }
}
