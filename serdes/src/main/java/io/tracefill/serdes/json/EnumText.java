package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;

import java.io.IOException;
import java.util.Locale;

/**
 * Enum columns as DeepFlow writes them: the English display name (exporter default), the raw
 * code (exporter with {@code enum-translate-to-name-disabled}, and the querier), or for
 * observation points the string code. Unknown text is an error; an unknown number is kept,
 * because a newer DeepFlow may add codes that the algorithm treats as "other".
 */
final class EnumText {
    private EnumText() {
    }

    static int signalSource(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            return known(SignalSource.fromDisplayName(p.getText()), p, field, "Packet, xFlow, eBPF, OTel");
        }
        return JsonValues.int32(p, t, field, 0, 0xffff);
    }

    static int flowType(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            return known(FlowType.fromDisplayName(p.getText()), p, field, "Request, Response, Session");
        }
        return JsonValues.int32(p, t, field, 0, 0xff);
    }

    static int l7Protocol(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            return known(L7Protocol.fromDisplayName(p.getText()), p, field, "a DeepFlow l7_protocol name such as HTTP, gRPC, MySQL");
        }
        return JsonValues.int32(p, t, field, 0, 0xff);
    }

    static int responseStatus(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            return known(ResponseStatus.fromDisplayName(p.getText()), p, field,
                    "Success, Timeout, Server Error, Client Error, Unknown, Parse Failed");
        }
        return JsonValues.int32(p, t, field, 0, 0xff);
    }

    /** The L4 protocol ({@code protocol}): enum file {@code l7_ip_protocol}, 6 TCP and 17 UDP. */
    static int l4Protocol(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            int code = switch (p.getText().toUpperCase(Locale.ROOT)) {
                case "TCP" -> 6;
                case "UDP" -> 17;
                default -> -1;
            };
            return known(code, p, field, "TCP, UDP");
        }
        return JsonValues.int32(p, t, field, 0, 0xff);
    }

    /** {@code auto_instance_type_*}, {@code auto_service_type_*}: a code or the exporter's type name. */
    static int resourceType(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            return known(ResourceType.fromName(p.getText()), p, field, "a type name such as pod, chost, pod_node, ip, internet_ip");
        }
        return JsonValues.int32(p, t, field, 0, 0xff);
    }

    /**
     * An observation point as its code ({@code "s-p"}), display name ({@code "Server Process"}) or
     * numeric code (42); {@code ""} is kept as "none".
     */
    static String tapSide(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText();
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
        if (t == JsonToken.VALUE_NUMBER_INT) {
            int n = JsonValues.int32(p, t, field, 0, 0xff);
            String code = TapSide.fromCode(n);
            if (code == null) {
                throw new DecodeException(field, "unknown observation point code " + n);
            }
            return code;
        }
        throw JsonValues.wrongType(field, "a string", t);
    }

    private static int known(int code, JsonParser p, String field, String expected) throws IOException, DecodeException {
        if (code < 0) {
            throw new DecodeException(field, "unknown value " + JsonValues.quote(p.getText()) + " (expected " + expected
                    + ", or the numeric code)");
        }
        return code;
    }
}
