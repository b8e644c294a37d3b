package io.tracefill.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders a generated flow the way DeepFlow's Kafka exporter writes it with default settings
 * (formats §2.3 and the §5.A sample): {@code datasource} first, keys in the Go struct's order,
 * enums as display names, resources as names, empty strings left out, zero numbers written,
 * {@code time_str} last. Knowledge-graph names the generator does not model (region, AZ, VPC,
 * subnet, namespace, node) are filled with plausible EKS-like names, so rows average §5.A's compact
 * size (2.5 KB).
 * Benchmark input only; not a product encoder.
 */
final class ExporterRows {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME_STR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private ExporterRows() {
    }

    static byte[] render(Flow f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2800);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Flow f) throws IOException {
        g.writeStartObject();
        g.writeStringField("datasource", "flow_log.l7_flow_log");
        g.writeFieldName("_id");
        g.writeNumber(f.id()); // decimal text as a JSON number, exactly as written
        string(g, "l7_protocol", L7Protocol.displayName(f.l7Protocol()));
        string(g, "biz_protocol", f.l7ProtocolStr());
        string(g, "version", f.version());
        string(g, "type", FlowType.displayName(f.type()));
        g.writeNumberField("is_tls", f.isTls());
        g.writeNumberField("is_async", f.isAsync());
        g.writeNumberField("is_reversed", 0);
        string(g, "request_type", f.requestType());
        string(g, "request_domain", f.requestDomain());
        string(g, "request_resource", f.requestResource());
        string(g, "end_point", f.endpoint());
        string(g, "response_status", ResponseStatus.displayName(f.responseStatus()));
        if (f.responseCode() != null) {
            g.writeNumberField("response_code", f.responseCode());
        }
        if (f.requestId() != null) {
            g.writeFieldName("request_id");
            g.writeNumber(Long.toUnsignedString(f.requestId()));
        }
        string(g, "response_exception", f.responseException());
        string(g, "x_request_id_0", f.xRequestId0());
        string(g, "x_request_id_1", f.xRequestId1());
        string(g, "trace_id", f.traceId());
        string(g, "span_id", f.spanId());
        string(g, "parent_span_id", f.parentSpanId());
        g.writeNumberField("response_duration", f.responseDuration());
        g.writeNumberField("request_length", 512);
        g.writeNumberField("response_length", 1024);
        g.writeNumberField("direction_score", 255);
        g.writeNumberField("captured_request_byte", 512);
        g.writeNumberField("captured_response_byte", 1024);
        if (!f.attributes().isEmpty()) {
            g.writeArrayFieldStart("attribute_names");
            for (String k : f.attributes().keySet()) {
                g.writeString(k);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("attribute_values");
            for (String v : f.attributes().values()) {
                g.writeString(v);
            }
            g.writeEndArray();
        } else {
            g.writeArrayFieldStart("attribute_names");
            g.writeString("http_user_agent");
            g.writeEndArray();
            g.writeArrayFieldStart("attribute_values");
            g.writeString("Go-http-client/1.1");
            g.writeEndArray();
        }
        g.writeArrayFieldStart("metrics_names");
        g.writeEndArray();
        g.writeArrayFieldStart("metrics_values");
        g.writeEndArray();
        g.writeNumberField("time", f.endTimeUs() / 1_000_000);
        string(g, "ip4_0", f.client().ip());
        string(g, "ip4_1", f.server().ip());
        g.writeNumberField("is_ipv4", 1);
        g.writeStringField("protocol", f.protocol() == 17 ? "UDP" : "TCP");
        g.writeNumberField("client_port", 30_000 + (int) (Math.floorMod(f.flowId(), 30_000L)));
        g.writeNumberField("server_port", f.serverPort());
        g.writeFieldName("flow_id");
        g.writeNumber(Long.toUnsignedString(f.flowId()));
        g.writeNumberField("capture_network_type_id", 3);
        g.writeStringField("nat_source", "NONE");
        g.writeStringField("signal_source", SignalSource.displayName(f.signalSource()));
        g.writeNumberField("tunnel_type", 0);
        g.writeNumberField("capture_nic", 0);
        g.writeStringField("observation_point", TapSide.displayName(f.tapSide()));
        g.writeStringField("agent", "ip-10-1-0-" + f.vtapId() + ".eu-west-1.compute.internal-V" + f.vtapId());
        g.writeNumberField("req_tcp_seq", f.reqTcpSeq());
        g.writeNumberField("resp_tcp_seq", f.respTcpSeq());
        g.writeNumberField("start_time", f.startTimeUs());
        g.writeNumberField("end_time", f.endTimeUs());
        string(g, "gprocess_0", f.client().gprocess());
        string(g, "gprocess_1", f.server().gprocess());
        g.writeNumberField("biz_type", 0);
        g.writeNumberField("process_id_0", f.client().processId());
        g.writeNumberField("process_id_1", f.server().processId());
        string(g, "process_kname_0", f.client().processKname());
        string(g, "process_kname_1", f.server().processKname());
        unsigned(g, "syscall_trace_id_request", f.syscallTraceIdRequest());
        unsigned(g, "syscall_trace_id_response", f.syscallTraceIdResponse());
        g.writeNumberField("syscall_thread_0", f.client().processId() == 0 ? 0 : f.client().processId() + 21);
        g.writeNumberField("syscall_thread_1", f.server().processId() == 0 ? 0 : f.server().processId() + 21);
        g.writeNumberField("syscall_coroutine_0", 0);
        g.writeNumberField("syscall_coroutine_1", 0);
        g.writeNumberField("syscall_cap_seq_0", f.syscallCapSeq0());
        g.writeNumberField("syscall_cap_seq_1", f.syscallCapSeq1());
        side(g, f.client(), "_0");
        side(g, f.server(), "_1");
        g.writeNumberField("org_id", 1);
        g.writeNumberField("team_id", 1);
        g.writeStringField("time_str", TIME_STR.format(Instant.ofEpochSecond(0, f.endTimeUs() * 1000)) + " +0000 UTC");
        g.writeEndObject();
    }

    /** The knowledge-graph tags of one side, as names (universal-tag translation on). */
    private static void side(JsonGenerator g, FlowSide s, String suffix) throws IOException {
        boolean pod = s.autoInstanceType() == ResourceType.POD;
        g.writeStringField("region" + suffix, "eu-west-1");
        g.writeStringField("az" + suffix, "eu-west-1a");
        string(g, "l3_device_type" + suffix, pod ? "pod" : "");
        string(g, "l3_device" + suffix, pod ? s.autoInstance() : "");
        string(g, "pod_node" + suffix, pod ? "ip-10-1-0-" + Math.floorMod(s.autoInstance().hashCode(), 8)
                + ".eu-west-1.compute.internal" : "");
        string(g, "pod_ns" + suffix, pod ? "shop-production" : "");
        string(g, "pod_group" + suffix, pod ? s.autoService() : "");
        string(g, "pod_group_type" + suffix, pod ? "Deployment" : "");
        string(g, "pod" + suffix, pod ? s.autoInstance() : "");
        string(g, "pod_cluster" + suffix, pod ? "prod-eks-eu-west-1" : "");
        g.writeStringField("l3_epc" + suffix, "vpc-0a1b2c3d4e5f67890");
        g.writeNumberField("epc_id" + suffix, 0);
        string(g, "subnet" + suffix, "subnet-" + (s.subnet().isEmpty() ? "pods" : s.subnet()) + "-eu-west-1a");
        string(g, "service" + suffix, pod ? s.autoService() : "");
        string(g, "auto_instance_type" + suffix, ResourceType.name(s.autoInstanceType()));
        string(g, "auto_instance" + suffix, s.autoInstance());
        string(g, "auto_service_type" + suffix, s.autoService().isEmpty() ? "" : "pod_group");
        string(g, "auto_service" + suffix, s.autoService());
    }

    /** Empty strings are left out, as DeepFlow's exporter does. */
    private static void string(JsonGenerator g, String key, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(key, value);
        }
    }

    private static void unsigned(JsonGenerator g, String key, long value) throws IOException {
        g.writeFieldName(key);
        g.writeNumber(Long.toUnsignedString(value));
    }
}
