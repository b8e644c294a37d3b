package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;


/**
 * One OTLP span (and the context of its resource) → one row, filled the way DeepFlow's ingester
 * fills an OTel row (formats §3, {@code FillOTel}), or a {@link SpanFault} when the span cannot
 * be a row: ids missing or of the wrong length, times missing or absurd, strings too long.
 * Stateless and thread-safe.
 */
final class SpanMapper {
    /** DeepFlow's {@code capture_network_type_id} of OTel rows (cloud network). */
    static final int CAPTURE_NETWORK_TYPE = 3;
    /** DeepFlow's {@code capture_nic_type} of OTel rows. */
    static final int CAPTURE_NIC_TYPE_OTEL = 8;
    /** The {@code server_port} DeepFlow gives an s-app row without one, "to show it as a server". */
    static final int SERVER_APP_PORT = 65535;
    /** 2000-01-01T00:00:00Z in ns: earlier span times are taken for a unit mistake, not a time. */
    static final long MIN_NS = 946_684_800L * 1_000_000_000L;

    private final int maxString;

    SpanMapper(int maxStringLength) {
        this.maxString = maxStringLength;
    }

    Flow map(Span span, ResourceContext rc) throws SpanFault {
        ByteString tid = span.getTraceId();
        ByteString sid = span.getSpanId();
        checkId(tid, 16, "traceId", "trace id");
        checkId(sid, 8, "spanId", "span id");
        ByteString pid = span.getParentSpanId();
        if (!pid.isEmpty() && pid.size() != 8) {
            throw new SpanFault("parentSpanId", "expected 8 bytes or none, got " + pid.size());
        }
        // all zeros is OpenTelemetry's invalid span id: some producers write it for "no parent"
        String parentSpanId = pid.isEmpty() || Hex.allZero(pid) ? "" : Hex.of(pid);

        long startNs = span.getStartTimeUnixNano();
        long endNs = span.getEndTimeUnixNano();
        long startUs = micros(startNs, "startTimeUnixNano");
        long endUs = micros(endNs, "endTimeUnixNano");
        if (endNs < startNs) {
            throw new SpanFault("endTimeUnixNano", "before the start time (" + endNs + " < " + startNs + ")");
        }
        String tapSide = tapSide(span.getKindValue());
        String endpoint = Limits.checked(span.getName(), maxString, "name");

        L7Fields l7 = new L7Fields();
        l7.isHttp = rc.isHttp; // DeepFlow's "some key starts with http" runs over resource keys too
        int n = span.getAttributesCount();
        AttributeMap attributes = new AttributeMap(n + rc.count);
        for (int i = 0; i < n; i++) {
            KeyValue kv = span.getAttributes(i);
            if (!kv.hasValue()) {
                continue; // DeepFlow skips an attribute without a value entirely
            }
            String key = Limits.attribute(kv.getKey(), maxString, i, "key");
            AnyValue v = kv.getValue();
            String text = Limits.attribute(AttributeText.of(v), maxString, i, "value");
            if (!l7.read(key, v, text)) {
                attributes.putFirst(key, text); // span before resource, first wins, as a lookup in DeepFlow's arrays
            }
        }
        for (int j = 0; j < rc.count; j++) {
            attributes.putFirst(rc.names[j], rc.texts[j]);
        }

        Flow.Builder b = Flow.builder()
                .id(OtlpRowIds.of(tid, sid))
                .signalSource(SignalSource.OTEL)
                .tapSide(tapSide)
                .type(FlowType.SESSION)
                .startTimeUs(startUs)
                .endTimeUs(endUs)
                .responseDuration(endUs > startUs ? endUs - startUs : 0)
                .vtapId(rc.vtapId)
                .appService(rc.appService)
                .appInstance(rc.appInstance)
                .endpoint(endpoint)
                .tapId(CAPTURE_NETWORK_TYPE)
                .tapPortType(CAPTURE_NIC_TYPE_OTEL)
                .serverPort(TapSide.SERVER_APP.equals(tapSide) ? SERVER_APP_PORT : 0)
                .attributes(attributes);
        ids(b, span, l7, rc, Hex.of(tid), Hex.of(sid), parentSpanId);
        l7(b, l7);
        status(b, span, l7.responseCode());
        sides(b, tapSide, rc, l7.peerIp());
        return b.build();
    }

    private static void checkId(ByteString id, int size, String field, String what) throws SpanFault {
        if (id.isEmpty()) {
            throw new SpanFault(field, "missing: every span needs its " + what);
        }
        if (id.size() != size) {
            throw new SpanFault(field, "expected " + size + " bytes, got " + id.size());
        }
        if (Hex.allZero(id)) {
            throw new SpanFault(field, "all zeros, which OpenTelemetry defines as an invalid " + what);
        }
    }

    private static long micros(long ns, String field) throws SpanFault {
        if (ns == 0) {
            throw new SpanFault(field, "missing (0): every span needs its start and end time");
        }
        if (ns < 0) {
            throw new SpanFault(field, Long.toUnsignedString(ns) + " ns is after the year 2262");
        }
        if (ns < MIN_NS) {
            throw new SpanFault(field, ns + " ns is before the year 2000 (microseconds or milliseconds"
                    + " instead of nanoseconds?)");
        }
        return ns / 1000;
    }

    /** DeepFlow: CLIENT/PRODUCER → c-app, SERVER/CONSUMER → s-app, anything else → app. */
    static String tapSide(int kind) {
        return switch (kind) {
            case Span.SpanKind.SPAN_KIND_CLIENT_VALUE, Span.SpanKind.SPAN_KIND_PRODUCER_VALUE -> TapSide.CLIENT_APP;
            case Span.SpanKind.SPAN_KIND_SERVER_VALUE, Span.SpanKind.SPAN_KIND_CONSUMER_VALUE -> TapSide.SERVER_APP;
            default -> TapSide.APP;
        };
    }

    /**
     * Lowercase hex ids, unless SkyWalking attributes ({@code sw8.*}) carry the ids DeepFlow's eBPF
     * rows see in {@code sw8} headers: then those, with the segment id in front, as DeepFlow does.
     */
    private void ids(Flow.Builder b, Span span, L7Fields l7, ResourceContext rc, String traceId, String spanId,
                     String parentSpanId) throws SpanFault {
        if (l7.sw8SpanId != null) {
            spanId = l7.sw8SpanId;
        }
        if (l7.sw8ParentSpanId != null) {
            parentSpanId = l7.sw8ParentSpanId;
        }
        if (l7.sw8TraceId != null) {
            traceId = l7.sw8TraceId;
        }
        if (rc.sw8TraceId != null) {
            traceId = rc.sw8TraceId; // resource attributes come after the span's in DeepFlow's loop
        }
        if (l7.sw8SegmentId != null && !l7.sw8SegmentId.isEmpty()) {
            spanId = l7.sw8SegmentId + "-" + spanId;
            parentSpanId = !parentSpanId.isEmpty() ? l7.sw8SegmentId + "-" + parentSpanId
                    : SkyWalkingLinks.parentSpanId(span, maxString);
        }
        b.traceId(traceId).spanId(spanId).parentSpanId(parentSpanId);
    }

    private static void l7(Flow.Builder b, L7Fields l7) {
        String word = l7.protocolWord();
        String version = l7.version();
        b.l7ProtocolStr(word)
                .l7Protocol(L7ProtocolGuess.code(word, version))
                .isTls(L7ProtocolGuess.isTls(word))
                .version(version)
                .protocol(l7.protocol())
                .requestType(l7.requestType())
                .requestDomain(l7.requestDomain())
                .requestResource(l7.requestResource());
    }

    /**
     * An HTTP status other than 0 decides (4xx client error, 5xx server error with DeepFlow's
     * reason text, else success). Otherwise the span status: OK → success with code 1, ERROR →
     * server error with code 2 and the status message, UNSET or none → unknown.
     */
    private void status(Flow.Builder b, Span span, Integer code) throws SpanFault {
        int status;
        String exception = "";
        if (code != null && code != 0) {
            if (code >= 400 && code <= 499) {
                status = ResponseStatus.CLIENT_ERROR;
                exception = HttpReasons.of(code);
            } else if (code >= 500 && code <= 600) {
                status = ResponseStatus.SERVER_ERROR;
                exception = HttpReasons.of(code);
            } else {
                status = ResponseStatus.SUCCESS;
            }
        } else if (span.hasStatus()) {
            int sc = span.getStatus().getCodeValue();
            status = switch (sc) {
                case Status.StatusCode.STATUS_CODE_OK_VALUE -> ResponseStatus.SUCCESS;
                case Status.StatusCode.STATUS_CODE_ERROR_VALUE -> ResponseStatus.SERVER_ERROR;
                default -> ResponseStatus.UNKNOWN;
            };
            if (sc == Status.StatusCode.STATUS_CODE_ERROR_VALUE) {
                exception = Limits.checked(span.getStatus().getMessage(), maxString, "status.message");
            }
            if (sc != Status.StatusCode.STATUS_CODE_UNSET_VALUE) {
                code = sc;
            }
        } else {
            status = ResponseStatus.UNKNOWN;
        }
        b.responseStatus(status).responseCode(code).responseException(exception);
    }

    /**
     * The side a tap_side reads its instance from gets the resource's instance, service and own
     * address (s-app: server {@code _1}; c-app: client {@code _0}; app: both, own address on
     * {@code _1}); the other side gets the peer's address.
     */
    private static void sides(Flow.Builder b, String tapSide, ResourceContext rc, String peerIp) {
        FlowSide own = side(rc, rc.ownIp);
        switch (tapSide) {
            case TapSide.CLIENT_APP -> b.client(own).server(address(peerIp));
            case TapSide.SERVER_APP -> b.client(address(peerIp)).server(own);
            default -> b.client(side(rc, peerIp)).server(own);
        }
    }

    private static FlowSide side(ResourceContext rc, String ip) {
        if (rc.instance.isEmpty() && rc.service.isEmpty() && ip.isEmpty()) {
            return FlowSide.EMPTY;
        }
        return new FlowSide(0, rc.instanceId, rc.instance, rc.instanceType, rc.serviceId, rc.service,
                rc.serviceType, 0, "", ip, "", "");
    }

    private static FlowSide address(String ip) {
        return ip.isEmpty() ? FlowSide.EMPTY : new FlowSide(0, 0, "", 0, 0, "", 0, 0, "", ip, "", "");
    }
}
