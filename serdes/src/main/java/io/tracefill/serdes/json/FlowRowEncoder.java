package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link Flow} as a querier row: the row format {@link FlowRowDecoder} reads, with every
 * id explicit, so that {@code decode(encode(flow))} equals {@code flow} for any flow the decoder
 * can produce. Used to store or hand on rows (CLI files, tests) without losing anything; derived
 * ids stay as they are, names are not re-derived.
 *
 * <p>Unsigned 64-bit columns are written as JSON numbers with their unsigned value. A flow whose
 * values the decoder would refuse (an {@code _id} that is not decimal, negative times) is
 * written as it is and refused when read back.
 */
public final class FlowRowEncoder {
    private static final JsonFactory JSON = new JsonFactory();

    /** The row as UTF-8 bytes. */
    public byte[] encode(Flow f) {
        return encodeToString(f).getBytes(StandardCharsets.UTF_8);
    }

    public String encodeToString(Flow f) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, f);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Flow f) throws IOException {
        g.writeStartObject();
        g.writeStringField("_id", f.id());
        g.writeNumberField("signal_source", f.signalSource());
        g.writeStringField("tap_side", f.tapSide());
        g.writeNumberField("type", f.type());
        g.writeNumberField("l7_protocol", f.l7Protocol());
        g.writeStringField("l7_protocol_str", f.l7ProtocolStr());
        g.writeNumberField("protocol", f.protocol());
        g.writeStringField("version", f.version());
        g.writeNumberField("start_time_us", f.startTimeUs());
        g.writeNumberField("end_time_us", f.endTimeUs());
        g.writeNumberField("response_duration", f.responseDuration());
        g.writeNumberField("vtap_id", f.vtapId());
        unsigned(g, "flow_id", f.flowId());
        g.writeNumberField("req_tcp_seq", f.reqTcpSeq());
        g.writeNumberField("resp_tcp_seq", f.respTcpSeq());
        unsigned(g, "syscall_trace_id_request", f.syscallTraceIdRequest());
        unsigned(g, "syscall_trace_id_response", f.syscallTraceIdResponse());
        g.writeNumberField("syscall_cap_seq_0", f.syscallCapSeq0());
        g.writeNumberField("syscall_cap_seq_1", f.syscallCapSeq1());
        g.writeStringField("trace_id", f.traceId());
        g.writeStringField("span_id", f.spanId());
        g.writeStringField("parent_span_id", f.parentSpanId());
        g.writeStringField("x_request_id_0", f.xRequestId0());
        g.writeStringField("x_request_id_1", f.xRequestId1());
        if (f.requestId() == null) {
            g.writeNullField("request_id");
        } else {
            unsigned(g, "request_id", f.requestId());
        }
        g.writeStringField("app_service", f.appService());
        g.writeStringField("app_instance", f.appInstance());
        g.writeNumberField("is_async", f.isAsync());
        g.writeNumberField("is_tls", f.isTls());
        g.writeNumberField("server_port", f.serverPort());
        g.writeStringField("endpoint", f.endpoint());
        g.writeStringField("request_type", f.requestType());
        g.writeStringField("request_domain", f.requestDomain());
        g.writeStringField("request_resource", f.requestResource());
        if (f.responseCode() == null) {
            g.writeNullField("response_code");
        } else {
            g.writeNumberField("response_code", f.responseCode());
        }
        g.writeStringField("response_exception", f.responseException());
        g.writeStringField("response_result", f.responseResult());
        g.writeStringField("http_proxy_client", f.httpProxyClient());
        g.writeNumberField("response_status", f.responseStatus());
        g.writeStringField("biz_response_code", f.bizResponseCode());
        side(g, f.client(), "_0");
        side(g, f.server(), "_1");
        g.writeNumberField("tap_port", f.tapPort());
        g.writeStringField("tap_port_name", f.tapPortName());
        g.writeNumberField("tap_port_type", f.tapPortType());
        g.writeNumberField("tap_id", f.tapId());
        g.writeStringField("tap", f.tap());
        g.writeStringField("resource_from_vtap", f.resourceFromVtap());
        g.writeStringField("_querier_region", f.querierRegion());
        g.writeStringField("Enum(tap_side)", f.tapSideEnum());
        g.writeStringField("Enum(l7_protocol)", f.l7ProtocolEnum());
        g.writeObjectFieldStart("attribute");
        for (Map.Entry<String, String> e : f.attributes().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void side(JsonGenerator g, FlowSide s, String suffix) throws IOException {
        g.writeNumberField("process_id" + suffix, s.processId());
        g.writeNumberField("auto_instance_id" + suffix, s.autoInstanceId());
        g.writeStringField("auto_instance" + suffix, s.autoInstance());
        g.writeNumberField("auto_instance_type" + suffix, s.autoInstanceType());
        g.writeNumberField("auto_service_id" + suffix, s.autoServiceId());
        g.writeStringField("auto_service" + suffix, s.autoService());
        g.writeNumberField("auto_service_type" + suffix, s.autoServiceType());
        g.writeNumberField("subnet_id" + suffix, s.subnetId());
        g.writeStringField("subnet" + suffix, s.subnet());
        g.writeStringField("ip" + suffix, s.ip());
        g.writeStringField("process_kname" + suffix, s.processKname());
        g.writeStringField("gprocess" + suffix, s.gprocess());
    }

    private static void unsigned(JsonGenerator g, String name, long bits) throws IOException {
        g.writeFieldName(name);
        if (bits >= 0) {
            g.writeNumber(bits);
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(bits)));
        }
    }
}
