package io.tracefill.serdes.json;

import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Enum columns as DeepFlow writes them: the English display name (exporter default), the raw
 * code (exporter with {@code enum-translate-to-name-disabled}, and the querier), or for
 * observation points the string code. Unknown text is an error; an unknown number is kept,
 * because a newer DeepFlow may add codes that the algorithm treats as "other".
 */
final class EnumText {
    // exact spellings first: no lower-casing on the hot path; other cases fall back to the model
    private static final Map<String, Integer> SIGNAL_SOURCES = exact(0xff, SignalSource::displayName);
    private static final Map<String, Integer> FLOW_TYPES = exact(0xff, FlowType::displayName);
    private static final Map<String, Integer> L7_PROTOCOLS = exact(0xff, L7Protocol::displayName);
    private static final Map<String, Integer> RESPONSE_STATUSES = exact(0xff, ResponseStatus::displayName);
    private static final Map<String, Integer> RESOURCE_TYPES = exact(0xff, ResourceType::name);
    private static final Map<String, String> TAP_SIDES = tapSides();

    private EnumText() {
    }

    private static Map<String, Integer> exact(int maxCode, IntFunction<String> name) {
        Map<String, Integer> m = new HashMap<>();
        for (int code = 0; code <= maxCode; code++) {
            String n = name.apply(code);
            if (n != null) {
                m.put(n, code);
            }
        }
        return m;
    }

    private static Map<String, String> tapSides() {
        Map<String, String> m = new HashMap<>();
        for (int code = 0; code <= 0xff; code++) {
            String side = TapSide.fromCode(code);
            if (side != null) {
                m.put(side, side);
                m.put(TapSide.displayName(side), side);
            }
        }
        return m;
    }

    private static int code(Map<String, Integer> exact, String text, ToIntFunction<String> anyCase) {
        Integer code = exact.get(text);
        return code != null ? code : anyCase.applyAsInt(text);
    }

    static int signalSource(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(code(SIGNAL_SOURCES, text, SignalSource::fromDisplayName), text, field, "Packet, xFlow, eBPF, OTel");
        }
        return CursorValues.int32(c, kind, field, 0, 0xffff);
    }

    static int flowType(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(code(FLOW_TYPES, text, FlowType::fromDisplayName), text, field, "Request, Response, Session");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    static int l7Protocol(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(code(L7_PROTOCOLS, text, L7Protocol::fromDisplayName), text, field, "a DeepFlow l7_protocol name such as HTTP, gRPC, MySQL");
        }
        return CursorValues.int32(c, kind, field, 0, 0xff);
    }

    static int responseStatus(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            String text = c.string();
            return known(code(RESPONSE_STATUSES, text, ResponseStatus::fromDisplayName), text, field,
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
            return known(code(RESOURCE_TYPES, text, ResourceType::fromName), text, field, "a type name such as pod, chost, pod_node, ip, internet_ip");
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
            String code = TAP_SIDES.get(text);
            if (code == null) {
                code = TapSide.normalize(text);
            }
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
