package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layout version 1 of one {@link Flow}, writer and reader side by side so they cannot drift
 * apart; {@link FlowBinaryCodec} documents it. Field names in errors are the record's
 * component names.
 */
final class FlowFormat {
    static final int VERSION = 1;

    // bits of the presence byte
    static final int HAS_REQUEST_ID = 1;
    static final int HAS_RESPONSE_CODE = 1 << 1;
    static final int HAS_CLIENT = 1 << 2;
    static final int HAS_SERVER = 1 << 3;
    static final int HAS_RESOURCE_FROM_VTAP = 1 << 4;
    static final int HAS_TAP_SIDE_ENUM = 1 << 5;
    static final int HAS_L7_PROTOCOL_ENUM = 1 << 6;
    static final int HAS_ATTRIBUTES = 1 << 7;

    private FlowFormat() {
    }

    /** Field names of one side for error messages, made once rather than per record. */
    private record SideNames(String name, String processId, String autoInstanceId, String autoInstance,
                             String autoInstanceType, String autoServiceId, String autoService, String autoServiceType,
                             String subnetId, String subnet, String ip, String processKname, String gprocess) {
        static final SideNames CLIENT = of("client");
        static final SideNames SERVER = of("server");

        static SideNames of(String side) {
            return new SideNames(side, side + ".processId", side + ".autoInstanceId", side + ".autoInstance",
                    side + ".autoInstanceType", side + ".autoServiceId", side + ".autoService",
                    side + ".autoServiceType", side + ".subnetId", side + ".subnet", side + ".ip",
                    side + ".processKname", side + ".gprocess");
        }
    }

    static void write(Flow f, ByteSink out) {
        out.writeByte(VERSION);
        out.writeByte(presence(f));
        out.writeLong(f.startTimeUs());
        // the end as a distance from the start: a few bytes instead of eight; wraps, so any pair round-trips
        out.writeLong(f.endTimeUs() - f.startTimeUs());
        out.writeString(f.id(), "id");
        out.writeInt(f.signalSource());
        out.writeString(f.tapSide(), "tapSide");
        out.writeInt(f.type());
        out.writeInt(f.l7Protocol());
        out.writeString(f.l7ProtocolStr(), "l7ProtocolStr");
        out.writeInt(f.protocol());
        out.writeString(f.version(), "version");
        out.writeUnsigned(f.responseDuration());
        out.writeUnsigned(f.vtapId());
        out.writeUnsigned(f.flowId());
        out.writeUnsigned(f.reqTcpSeq());
        out.writeUnsigned(f.respTcpSeq());
        out.writeUnsigned(f.syscallTraceIdRequest());
        out.writeUnsigned(f.syscallTraceIdResponse());
        out.writeUnsigned(f.syscallCapSeq0());
        out.writeUnsigned(f.syscallCapSeq1());
        out.writeString(f.traceId(), "traceId");
        out.writeString(f.spanId(), "spanId");
        out.writeString(f.parentSpanId(), "parentSpanId");
        out.writeString(f.xRequestId0(), "xRequestId0");
        out.writeString(f.xRequestId1(), "xRequestId1");
        if (f.requestId() != null) {
            out.writeUnsigned(f.requestId());
        }
        out.writeString(f.appService(), "appService");
        out.writeString(f.appInstance(), "appInstance");
        out.writeInt(f.isAsync());
        out.writeInt(f.isTls());
        out.writeInt(f.serverPort());
        out.writeString(f.endpoint(), "endpoint");
        out.writeString(f.requestType(), "requestType");
        out.writeString(f.requestDomain(), "requestDomain");
        out.writeString(f.requestResource(), "requestResource");
        if (f.responseCode() != null) {
            out.writeInt(f.responseCode());
        }
        out.writeString(f.responseException(), "responseException");
        out.writeString(f.responseResult(), "responseResult");
        out.writeString(f.httpProxyClient(), "httpProxyClient");
        out.writeInt(f.responseStatus());
        out.writeString(f.bizResponseCode(), "bizResponseCode");
        if (!FlowSide.EMPTY.equals(f.client())) {
            writeSide(f.client(), out, SideNames.CLIENT);
        }
        if (!FlowSide.EMPTY.equals(f.server())) {
            writeSide(f.server(), out, SideNames.SERVER);
        }
        out.writeUnsigned(f.tapPort());
        out.writeString(f.tapPortName(), "tapPortName");
        out.writeInt(f.tapPortType());
        out.writeUnsigned(f.tapId());
        out.writeString(f.tap(), "tap");
        if (f.resourceFromVtap() != null) {
            out.writeString(f.resourceFromVtap(), "resourceFromVtap");
        }
        out.writeString(f.querierRegion(), "querierRegion");
        if (f.tapSideEnum() != null) {
            out.writeString(f.tapSideEnum(), "tapSideEnum");
        }
        if (f.l7ProtocolEnum() != null) {
            out.writeString(f.l7ProtocolEnum(), "l7ProtocolEnum");
        }
        if (!f.attributes().isEmpty()) {
            writeAttributes(f.attributes(), out);
        }
    }

    private static int presence(Flow f) {
        int p = 0;
        p |= f.requestId() != null ? HAS_REQUEST_ID : 0;
        p |= f.responseCode() != null ? HAS_RESPONSE_CODE : 0;
        p |= FlowSide.EMPTY.equals(f.client()) ? 0 : HAS_CLIENT;
        p |= FlowSide.EMPTY.equals(f.server()) ? 0 : HAS_SERVER;
        p |= f.resourceFromVtap() != null ? HAS_RESOURCE_FROM_VTAP : 0;
        p |= f.tapSideEnum() != null ? HAS_TAP_SIDE_ENUM : 0;
        p |= f.l7ProtocolEnum() != null ? HAS_L7_PROTOCOL_ENUM : 0;
        p |= f.attributes().isEmpty() ? 0 : HAS_ATTRIBUTES;
        return p;
    }

    private static void writeSide(FlowSide s, ByteSink out, SideNames side) {
        out.writeInt(s.processId());
        out.writeUnsigned(s.autoInstanceId());
        out.writeString(s.autoInstance(), side.autoInstance);
        out.writeInt(s.autoInstanceType());
        out.writeUnsigned(s.autoServiceId());
        out.writeString(s.autoService(), side.autoService);
        out.writeInt(s.autoServiceType());
        out.writeUnsigned(s.subnetId());
        out.writeString(s.subnet(), side.subnet);
        out.writeString(s.ip(), side.ip);
        out.writeString(s.processKname(), side.processKname);
        out.writeString(s.gprocess(), side.gprocess);
    }

    /**
     * Entries sorted by key (String order), so equal maps give equal bytes whatever their
     * iteration order: a {@code HashMap}'s, or {@code Map.of}'s, which changes from one JVM run to
     * the next.
     */
    private static void writeAttributes(Map<String, String> attributes, ByteSink out) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(attributes.entrySet());
        if (entries.size() > 1) {
            entries.sort(Map.Entry.comparingByKey());
        }
        out.writeUnsigned(entries.size());
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("attributes: null key or value (key " + e.getKey() + ")");
            }
            out.writeString(e.getKey(), "attributes");
            out.writeString(e.getValue(), "attributes");
        }
    }

    /** Reads one flow; the caller checks that nothing follows it. */
    /** The layout's first fields, up to the signal source; the rest is not read. */
    static FlowHead readHead(ByteSource in) throws DecodeException {
        int version = in.readByte("formatVersion");
        if (version != VERSION) {
            throw new DecodeException("formatVersion", "format version " + version + " is not known (this build reads "
                    + VERSION + ")");
        }
        in.readByte("presence");
        long start = in.readLong("startTimeUs");
        long end = start + in.readLong("endTimeUs");
        return new FlowHead(start, end, in.readString("id"), in.readInt("signalSource"));
    }

    static Flow read(ByteSource in) throws DecodeException {
        int version = in.readByte("formatVersion");
        if (version != VERSION) {
            throw new DecodeException("formatVersion", "format version " + version + " is not known (this build reads "
                    + VERSION + ")");
        }
        int p = in.readByte("presence");
        long start = in.readLong("startTimeUs");
        long end = start + in.readLong("endTimeUs");
        // arguments are evaluated left to right (JLS 15.7.4): the reads below follow the layout
        return new Flow(
                in.readString("id"),
                in.readInt("signalSource"),
                in.readString("tapSide"),
                in.readInt("type"),
                in.readInt("l7Protocol"),
                in.readString("l7ProtocolStr"),
                in.readInt("protocol"),
                in.readString("version"),
                start,
                end,
                in.readUnsigned("responseDuration"),
                in.readUnsigned("vtapId"),
                in.readUnsigned("flowId"),
                in.readUnsigned("reqTcpSeq"),
                in.readUnsigned("respTcpSeq"),
                in.readUnsigned("syscallTraceIdRequest"),
                in.readUnsigned("syscallTraceIdResponse"),
                in.readUnsigned("syscallCapSeq0"),
                in.readUnsigned("syscallCapSeq1"),
                in.readString("traceId"),
                in.readString("spanId"),
                in.readString("parentSpanId"),
                in.readString("xRequestId0"),
                in.readString("xRequestId1"),
                (p & HAS_REQUEST_ID) != 0 ? Long.valueOf(in.readUnsigned("requestId")) : null,
                in.readString("appService"),
                in.readString("appInstance"),
                in.readInt("isAsync"),
                in.readInt("isTls"),
                in.readInt("serverPort"),
                in.readString("endpoint"),
                in.readString("requestType"),
                in.readString("requestDomain"),
                in.readString("requestResource"),
                (p & HAS_RESPONSE_CODE) != 0 ? Integer.valueOf(in.readInt("responseCode")) : null,
                in.readString("responseException"),
                in.readString("responseResult"),
                in.readString("httpProxyClient"),
                in.readInt("responseStatus"),
                in.readString("bizResponseCode"),
                (p & HAS_CLIENT) != 0 ? readSide(in, SideNames.CLIENT) : FlowSide.EMPTY,
                (p & HAS_SERVER) != 0 ? readSide(in, SideNames.SERVER) : FlowSide.EMPTY,
                in.readUnsigned("tapPort"),
                in.readString("tapPortName"),
                in.readInt("tapPortType"),
                in.readUnsigned("tapId"),
                in.readString("tap"),
                (p & HAS_RESOURCE_FROM_VTAP) != 0 ? in.readString("resourceFromVtap") : null,
                in.readString("querierRegion"),
                (p & HAS_TAP_SIDE_ENUM) != 0 ? in.readString("tapSideEnum") : null,
                (p & HAS_L7_PROTOCOL_ENUM) != 0 ? in.readString("l7ProtocolEnum") : null,
                (p & HAS_ATTRIBUTES) != 0 ? readAttributes(in) : Map.of());
    }

    private static FlowSide readSide(ByteSource in, SideNames side) throws DecodeException {
        FlowSide s = new FlowSide(
                in.readInt(side.processId),
                in.readUnsigned(side.autoInstanceId),
                in.readString(side.autoInstance),
                in.readInt(side.autoInstanceType),
                in.readUnsigned(side.autoServiceId),
                in.readString(side.autoService),
                in.readInt(side.autoServiceType),
                in.readUnsigned(side.subnetId),
                in.readString(side.subnet),
                in.readString(side.ip),
                in.readString(side.processKname),
                in.readString(side.gprocess));
        if (FlowSide.EMPTY.equals(s)) {
            throw in.corrupt(side.name, "an empty side written out, which the encoder never does");
        }
        return s;
    }

    private static Map<String, String> readAttributes(ByteSource in) throws DecodeException {
        int n = in.readCount("attributes", 2);
        if (n == 0) {
            throw in.corrupt("attributes", "an empty map written out, which the encoder never does");
        }
        Map<String, String> out = new LinkedHashMap<>(n * 4 / 3 + 1);
        String previous = null;
        for (int i = 0; i < n; i++) {
            String key = in.readString("attributes");
            if (previous != null && previous.compareTo(key) >= 0) {
                throw in.corrupt("attributes", "keys out of order or repeated (\"" + previous + "\" then \"" + key + "\")");
            }
            out.put(key, in.readString("attributes"));
            previous = key;
        }
        return Collections.unmodifiableMap(out);
    }
}
