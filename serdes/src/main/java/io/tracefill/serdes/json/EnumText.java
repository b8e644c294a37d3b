package io.tracefill.serdes.json;

import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;

/**
 * Enum columns as DeepFlow writes them: the English display name (exporter default), the raw
 * code (exporter with {@code enum-translate-to-name-disabled}, and the querier), or for
 * observation points the string code. Unknown text is an error; an unknown number is kept,
 * because a newer DeepFlow may add codes that the algorithm treats as "other".
 */
final class EnumText {
    private EnumText() {
    }

    static int signalSource(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(SignalSource.fromDisplayName(text), text, field, "Packet, xFlow, eBPF, OTel");
        }
        return CursorValues.int32(c, kind, field, 0, 0xffff);
    }

    static int flowType(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(FlowType.fromDisplayName(text), text, field, "Request, Response, Session");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    static int l7Protocol(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(L7Protocol.fromDisplayName(text), text, field, "a DeepFlow l7_protocol name such as HTTP, gRPC, MySQL");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    static int responseStatus(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(ResponseStatus.fromDisplayName(text), text, field,
                    "Success, Timeout, Server Error, Client Error, Unknown, Parse Failed");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    /** The L4 protocol ({@code protocol}): enum file {@code l7_ip_protocol}, 6 TCP and 17 UDP. */
    static int l4Protocol(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            int code = "TCP".equalsIgnoreCase(text) ? 6 : "UDP".equalsIgnoreCase(text) ? 17 : -1;
            return known(code, text, field, "TCP, UDP");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    /** {@code auto_instance_type_*}, {@code auto_service_type_*}: a code or the exporter's type name. */
    static int resourceType(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(ResourceType.fromName(text), text, field, "a type name such as pod, chost, pod_node, ip, internet_ip");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    /**
     * An observation point as its code ({@code "s-p"}), display name ({@code "Server Process"}) or
     * numeric code (42); {@code ""} is kept as "none".
     */
    static String tapSide(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            if (text.isEmpty()) {
                return text;
            }
            String code = TapSide.normalize(text);
            if (code == null) {
                throw new DecodeException(field, "unknown observation point " + JsonValues.quote(text)
                        + " (expected a code such as s-p or a name such as Server Process)");
            }
            return code;
        }
        if (kind == JsonCursor.NUMBER) {
            int n = CursorValues.int32(c, kind, field, 0, 0xff);
            String code = TapSide.fromCode(n);
            if (code == null) {
                throw new DecodeException(field, "unknown observation point code " + n);
            }
            return code;
        }
        throw CursorValues.wrongType(field, "a string", kind);
    }

    private static int known(int code, String text, String field, String expected) throws DecodeException {
        if (code < 0) {
            throw new DecodeException(field, "unknown value " + JsonValues.quote(text) + " (expected " + expected
                    + ", or the numeric code)");
        }
        return code;
    }
}
