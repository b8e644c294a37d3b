package io.tracefill.workload.deepflow;

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
import java.util.Map;

/**
 * A DeepFlow {@code l7_flow_log} row as DeepFlow's Kafka exporter writes it with its default
 * settings (formats §2.3, sample §5.A): {@code datasource} first, then the keys in the Go
 * struct's order, enums as display names, resources as names, empty strings and null columns left
 * out, zero numbers written, {@code time_str} last, one line of UTF-8.
 *
 * <p>Every column the {@code Flow} holds is written so that {@code FlowRowDecoder} gives the row
 * back, provided its ids are the ones the decoder derives from names ({@code vtap_id} from
 * {@link ExporterTags#agent()}, instance, service and subnet ids from their names) and its
 * {@code tap_port_type} is 0 (the exporter never writes {@code capture_nic_type}, formats §7.4).
 * What the model lacks comes from {@link ExporterTags}.
 */
public final class ExporterJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME_STR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ExporterJson() {
    }

    /** The record value for {@code f}. */
    public static byte[] render(Flow f, ExporterTags t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2800);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, f, t);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Flow f, ExporterTags t) throws IOException {
        g.writeStartObject();
        g.writeStringField("datasource", "flow_log.l7_flow_log");
        g.writeFieldName("_id");
        g.writeNumber(f.id()); // decimal text written as a JSON number, digit for digit
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
        if (f.requestId() != null) {
            unsigned(g, "request_id", f.requestId());
        }
        // "Error" (1) has no display name, so translated JSON drops it (formats §1.3)
        string(g, "response_status", ResponseStatus.displayName(f.responseStatus()));
        if (f.responseCode() != null) {
            g.writeNumberField("response_code", f.responseCode());
        }
        string(g, "response_exception", f.responseException());
        string(g, "response_result", f.responseResult());
        string(g, "app_service", f.appService());
        string(g, "app_instance", f.appInstance());
        string(g, "x_request_id_0", f.xRequestId0());
        string(g, "x_request_id_1", f.xRequestId1());
        string(g, "http_proxy_client", f.httpProxyClient());
        string(g, "trace_id", f.traceId());
        string(g, "span_id", f.spanId());
        string(g, "parent_span_id", f.parentSpanId());
        string(g, "biz_response_code", f.bizResponseCode());
        g.writeNumberField("response_duration", f.responseDuration());
        g.writeNumberField("request_length", t.requestLength());
        g.writeNumberField("response_length", t.responseLength());
        g.writeNumberField("direction_score", 255);
        g.writeNumberField("captured_request_byte", t.requestLength());
        g.writeNumberField("captured_response_byte", t.responseLength());
        attributes(g, f.attributes());
        g.writeArrayFieldStart("metrics_names");
        g.writeEndArray();
        g.writeArrayFieldStart("metrics_values");
        g.writeEndArray();
        g.writeNumberField("time", Math.floorDiv(f.endTimeUs(), 1_000_000L));
        boolean ipv4 = !f.client().ip().contains(":") && !f.server().ip().contains(":");
        // the exporter never writes IPv6 addresses: a placeholder stands in (formats §7.3)
        g.writeStringField("ip4_0", ipv4 ? f.client().ip() : "0.0.0.0");
        g.writeStringField("ip4_1", ipv4 ? f.server().ip() : "0.0.0.0");
        g.writeNumberField("is_ipv4", ipv4 ? 1 : 0);
        g.writeStringField("protocol", f.protocol() == 17 ? "UDP" : "TCP");
        g.writeNumberField("client_port", t.clientPort());
        g.writeNumberField("server_port", f.serverPort());
        unsigned(g, "flow_id", f.flowId());
        g.writeNumberField("capture_network_type_id", f.tapId());
        g.writeStringField("nat_source", "NONE");
        g.writeStringField("signal_source", SignalSource.displayName(f.signalSource()));
        g.writeNumberField("tunnel_type", 0);
        g.writeNumberField("capture_nic", f.tapPort());
        g.writeStringField("observation_point", TapSide.displayName(f.tapSide()));
        string(g, "agent", t.agent());
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
        g.writeNumberField("syscall_thread_0", t.syscallThread0());
        g.writeNumberField("syscall_thread_1", t.syscallThread1());
        g.writeNumberField("syscall_coroutine_0", 0);
        g.writeNumberField("syscall_coroutine_1", 0);
        g.writeNumberField("syscall_cap_seq_0", f.syscallCapSeq0());
        g.writeNumberField("syscall_cap_seq_1", f.syscallCapSeq1());
        side(g, f.client(), t.client(), "_0");
        side(g, f.server(), t.server(), "_1");
        g.writeNumberField("org_id", 1);
        g.writeNumberField("team_id", 1);
        g.writeStringField("time_str", timeStr(f.endTimeUs()));
        g.writeEndObject();
    }

    /** Native attributes as the two parallel arrays; left out when empty, as the exporter does. */
    private static void attributes(JsonGenerator g, Map<String, String> attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("attribute_names");
        for (String k : attributes.keySet()) {
            g.writeString(k);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("attribute_values");
        for (String v : attributes.values()) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** The knowledge-graph tags of one side, as names (universal-tag translation on). */
    private static void side(JsonGenerator g, FlowSide s, SideTags t, String n) throws IOException {
        boolean pod = s.autoInstanceType() == ResourceType.POD;
        string(g, "region" + n, t.region());
        string(g, "az" + n, t.az());
        string(g, "l3_device_type" + n, pod ? "pod" : "");
        string(g, "l3_device" + n, pod ? s.autoInstance() : "");
        boolean node = s.autoInstanceType() == ResourceType.POD_NODE;
        string(g, "pod_node" + n, pod ? t.node() : node ? s.autoInstance() : "");
        string(g, "pod_ns" + n, pod ? t.namespace() : "");
        string(g, "pod_group" + n, pod ? s.autoService() : "");
        string(g, "pod_group_type" + n, pod ? t.groupType() : "");
        string(g, "pod" + n, pod ? s.autoInstance() : "");
        string(g, "pod_cluster" + n, pod ? t.cluster() : "");
        string(g, "l3_epc" + n, t.vpc());
        // -2 is DeepFlow's VPC id of the Internet
        boolean internet = s.autoInstanceType() == ResourceType.INTERNET_IP && !s.ip().isEmpty();
        g.writeNumberField("epc_id" + n, internet ? -2 : 0);
        string(g, "subnet" + n, s.subnet());
        string(g, "service" + n, t.k8sService());
        if (!s.ip().isEmpty() || !s.autoInstance().isEmpty()) {
            string(g, "auto_instance_type" + n, ResourceType.name(s.autoInstanceType()));
        }
        string(g, "auto_instance" + n, s.autoInstance());
        if (!s.autoService().isEmpty()) {
            string(g, "auto_service_type" + n, ResourceType.name(s.autoServiceType()));
        }
        string(g, "auto_service" + n, s.autoService());
    }

    /**
     * Go's {@code time.Time.String()} of the end time, in UTC: the fraction has no trailing zeros
     * and no dot when it is zero ({@code 2024-06-10 06:13:20.13579 +0000 UTC}).
     */
    static String timeStr(long endUs) {
        long seconds = Math.floorDiv(endUs, 1_000_000L);
        long micros = Math.floorMod(endUs, 1_000_000L);
        StringBuilder b = new StringBuilder(TIME_STR.format(Instant.ofEpochSecond(seconds)));
        if (micros != 0) {
            String frac = String.format("%06d", micros);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(frac, 0, end);
        }
        return b.append(" +0000 UTC").toString();
    }

    /** Empty strings and nulls are left out, as DeepFlow's exporter does. */
    private static void string(JsonGenerator g, String key, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(key, value);
        }
    }

    /** Unsigned 64-bit columns may exceed Long.MAX_VALUE on the wire. */
    private static void unsigned(JsonGenerator g, String key, long value) throws IOException {
        g.writeFieldName(key);
        g.writeNumber(Long.toUnsignedString(value));
    }
}
