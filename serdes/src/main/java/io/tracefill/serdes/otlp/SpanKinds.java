package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;

/** Span kind from the observation point, and span status from DeepFlow's response status. */
final class SpanKinds {
    private SpanKinds() {
    }

    /**
     * {@code app} → INTERNAL (DeepFlow's ingest maps INTERNAL and UNSPECIFIED there); any other
     * point starting with {@code c} ({@code c-app}, {@code c-p}, {@code c}, {@code c-nd} …) →
     * CLIENT; with {@code s} → SERVER; {@code rest}, {@code local} and unknown points →
     * UNSPECIFIED, because such a capture cannot tell which end it saw.
     */
    static Span.SpanKind kind(String tapSide) {
        if (TapSide.APP.equals(tapSide)) {
            return Span.SpanKind.SPAN_KIND_INTERNAL;
        }
        if (tapSide.startsWith("c")) {
            return Span.SpanKind.SPAN_KIND_CLIENT;
        }
        if (tapSide.startsWith("s")) {
            return Span.SpanKind.SPAN_KIND_SERVER;
        }
        return Span.SpanKind.SPAN_KIND_UNSPECIFIED;
    }

    /**
     * <ul>
     *   <li>Error (1), Timeout (2), Server Error (3) → ERROR;</li>
     *   <li>Client Error (4) → ERROR on a client span, UNSET on a server span (the HTTP semantic
     *       conventions: a 4xx is the caller's fault, not the server's);</li>
     *   <li>Success (0) → UNSET, except an app span whose ingest recorded an explicit OTel OK
     *       ({@code response_code} 1), which gets OK back;</li>
     *   <li>Unknown (5), Parse Failed (6) and anything else → UNSET.</li>
     * </ul>
     * An ERROR carries {@code response_exception} as its message, else the status name and code.
     */
    static Status status(Flow f, Span.SpanKind kind) {
        int rs = f.responseStatus();
        boolean error = rs == ResponseStatus.ERROR || rs == ResponseStatus.TIMEOUT || rs == ResponseStatus.SERVER_ERROR
                || (rs == ResponseStatus.CLIENT_ERROR && kind != Span.SpanKind.SPAN_KIND_SERVER);
        if (error) {
            return Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(errorMessage(f)).build();
        }
        if (rs == ResponseStatus.SUCCESS && isExplicitOk(f)) {
            return Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).build();
        }
        return Status.getDefaultInstance();
    }

    /** DeepFlow's OTel ingest writes {@code response_code = 1} for STATUS_CODE_OK when no HTTP status decided. */
    private static boolean isExplicitOk(Flow f) {
        // no protocol answers with code 1, so the value is unambiguous
        return f.signalSource() == SignalSource.OTEL && f.responseCode() != null && f.responseCode() == 1;
    }

    private static String errorMessage(Flow f) {
        if (!f.responseException().isEmpty()) {
            return AttributeList.clean(f.responseException());
        }
        String name = ResponseStatus.displayName(f.responseStatus());
        if (name == null) {
            name = "Error";
        }
        return f.responseCode() == null ? name : name + " " + f.responseCode();
    }
}
