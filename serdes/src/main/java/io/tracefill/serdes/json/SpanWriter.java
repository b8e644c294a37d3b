package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.SpanServiceTags;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.serdes.model.TracedSpan;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes one span of {@code DATA.tracing} with exactly the fields of spec §11.8, in that order,
 * under DeepFlow's names and with its JSON types: 64-bit ids that JavaScript would round
 * ({@code flow_id}, {@code syscall_trace_id_*}) as unsigned decimal strings, absent nullable
 * values as null. The Trace Completion answer leaves out what DeepFlow removes there, except
 * {@code selftime} and {@code set_parent_info}, which tracefill keeps (docs/divergences.md #11).
 */
final class SpanWriter {
    private final boolean completion;
    private final boolean hasAttributes;

    SpanWriter(ResponseType type, boolean hasAttributes) {
        this.completion = type == ResponseType.TRACING_COMPLETION;
        this.hasAttributes = hasAttributes;
    }

    void write(JsonGenerator g, TracedSpan s) throws IOException {
        Flow f = s.flow();
        FlowSide own = s.ownSide();
        SpanServiceTags tags = s.tags();
        g.writeStartObject();
        if (!completion) {
            g.writeNumberField("id", s.id());
        }
        strings(g, "_ids", s.ids());
        strings(g, "related_ids", s.relatedIds());
        g.writeNumberField("signal_source", f.signalSource());
        g.writeNumberField("type", f.type());
        g.writeNumberField("start_time_us", f.startTimeUs());
        g.writeNumberField("end_time_us", f.endTimeUs());
        g.writeNumberField("duration", s.duration());
        g.writeNumberField("selftime", s.selftime());
        g.writeStringField("tap_side", f.tapSide());
        if (!completion) {
            g.writeStringField("Enum(tap_side)", orElse(f.tapSideEnum(), TapSide.displayName(f.tapSide())));
        }
        g.writeNumberField("l7_protocol", f.l7Protocol());
        g.writeStringField("Enum(l7_protocol)", orElse(f.l7ProtocolEnum(), L7Protocol.displayName(f.l7Protocol())));
        g.writeStringField("l7_protocol_str", f.l7ProtocolStr());
        g.writeStringField("endpoint", f.endpoint());
        g.writeStringField("request_type", f.requestType());
        g.writeStringField("request_resource", f.requestResource());
        g.writeNumberField("response_status", f.responseStatus());
        g.writeStringField("response_exception", f.responseException());
        g.writeStringField("biz_response_code", f.bizResponseCode());
        nullableInt(g, "response_code", f.responseCode());
        g.writeStringField("flow_id", Long.toUnsignedString(f.flowId()));
        g.writeFieldName("request_id");
        if (f.requestId() == null) {
            g.writeNull();
        } else {
            unsigned(g, f.requestId());
        }
        g.writeStringField("x_request_id_0", f.xRequestId0());
        g.writeStringField("x_request_id_1", f.xRequestId1());
        g.writeStringField("trace_id", f.traceId());
        g.writeStringField("span_id", f.spanId());
        g.writeStringField("parent_span_id", f.parentSpanId());
        g.writeNumberField("req_tcp_seq", f.reqTcpSeq());
        g.writeNumberField("resp_tcp_seq", f.respTcpSeq());
        g.writeStringField("syscall_trace_id_request", Long.toUnsignedString(f.syscallTraceIdRequest()));
        g.writeStringField("syscall_trace_id_response", Long.toUnsignedString(f.syscallTraceIdResponse()));
        g.writeNumberField("syscall_cap_seq_0", f.syscallCapSeq0());
        g.writeNumberField("syscall_cap_seq_1", f.syscallCapSeq1());
        if (!completion) {
            attribute(g, f.attributes());
            g.writeNumberField("parent_id", s.parentId());
            g.writeArrayFieldStart("childs");
            for (int child : s.childs()) {
                g.writeNumber(child);
            }
            g.writeEndArray();
        }
        nullableInt(g, "process_id", s.processId());
        g.writeNumberField("vtap_id", f.vtapId());
        if (!completion) {
            nullableString(g, "service_uid", s.serviceUid());
            nullableString(g, "service_uname", s.serviceUname());
        }
        g.writeStringField("app_service", f.appService());
        g.writeStringField("app_instance", f.appInstance());
        if (!completion) {
            g.writeNumberField("tap_port", f.tapPort());
            g.writeStringField("tap_port_name", f.tapPortName());
            nullableString(g, "resource_from_vtap", f.resourceFromVtap());
        }
        nullableString(g, "set_parent_info", s.setParentInfo());
        if (!completion) {
            g.writeStringField("auto_instance", own.autoInstance());
        }
        g.writeNumberField("auto_instance_id", own.autoInstanceId());
        g.writeNumberField("auto_instance_type", own.autoInstanceType());
        g.writeNumberField("tap_id", f.tapId());
        g.writeStringField("tap", f.tap());
        g.writeStringField("_querier_region", f.querierRegion());
        g.writeNumberField("is_tls", f.isTls());
        g.writeNumberField("is_async", f.isAsync());
        nullableString(g, "subnet", tags.subnet());
        nullableString(g, "ip", tags.ip());
        nullableString(g, "auto_service", tags.autoService());
        g.writeFieldName("auto_service_id");
        if (tags.autoServiceId() == null) {
            g.writeNull();
        } else {
            g.writeNumber(tags.autoServiceId());
        }
        nullableInt(g, "auto_service_type", tags.autoServiceType());
        nullableString(g, "process_kname", tags.processKname());
        nullableString(g, "gprocess", tags.gprocess());
        nullableString(g, "deepflow_span_id", s.deepflowSpanId());
        nullableString(g, "deepflow_parent_span_id", s.deepflowParentSpanId());
        g.writeNumberField("render_start_time_us", s.renderStartTimeUs());
        g.writeNumberField("render_end_time_us", s.renderEndTimeUs());
        g.writeEndObject();
    }

    /** The native attributes when the request asked for them ({@code has_attributes}), else null. */
    private void attribute(JsonGenerator g, Map<String, String> attributes) throws IOException {
        g.writeFieldName("attribute");
        if (!hasAttributes) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void nullableString(JsonGenerator g, String name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void nullableInt(JsonGenerator g, String name, Integer value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    /** An unsigned 64-bit value held in a long, as the JSON number it stands for. */
    private static void unsigned(JsonGenerator g, long bits) throws IOException {
        if (bits >= 0) {
            g.writeNumber(bits);
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(bits)));
        }
    }

    private static String orElse(String value, String fallback) {
        return value != null && !value.isEmpty() ? value : fallback;
    }
}
