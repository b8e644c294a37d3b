package io.tracefill.workload;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Small helpers for building OTLP messages. */
final class Otel {
    private static final HexFormat HEX = HexFormat.of();

    private Otel() {
    }

    static ByteString id(String hex) {
        return ByteString.copyFrom(HEX.parseHex(hex));
    }

    static String hex(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }

    /** An attribute list in the order the instrumentation sets them. */
    static final class Attrs {
        final List<KeyValue> list = new ArrayList<>();

        Attrs str(String key, String value) {
            list.add(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build());
            return this;
        }

        Attrs num(String key, long value) {
            list.add(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build());
            return this;
        }
    }
}
