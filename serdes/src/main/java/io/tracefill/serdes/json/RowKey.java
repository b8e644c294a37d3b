package io.tracefill.serdes.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every key of an {@code l7_flow_log} record the row decoder reads, in either form (querier row,
 * exporter JSON), with a lookup straight from the key's UTF-8 bytes: no String is made for a key.
 */
enum RowKey {
    ID("_id"), START_TIME_US("start_time_us"), END_TIME_US("end_time_us"), START_TIME("start_time"),
    END_TIME("end_time"), DATASOURCE("datasource"),
    SIGNAL_SOURCE("signal_source"), TAP_SIDE("tap_side"), OBSERVATION_POINT("observation_point"),
    VTAP_ID("vtap_id"), AGENT_ID("agent_id"), AGENT("agent"), VTAP("vtap"), TAP_ID("tap_id"),
    CAPTURE_NETWORK_TYPE_ID("capture_network_type_id"), TAP("tap"), CAPTURE_NETWORK_TYPE("capture_network_type"),
    TAP_PORT("tap_port"), CAPTURE_NIC("capture_nic"), TAP_PORT_NAME("tap_port_name"), CAPTURE_NIC_NAME("capture_nic_name"),
    TAP_PORT_TYPE("tap_port_type"), CAPTURE_NIC_TYPE("capture_nic_type"),
    PROTOCOL("protocol"), IS_IPV4("is_ipv4"), SERVER_PORT("server_port"), REQ_TCP_SEQ("req_tcp_seq"),
    RESP_TCP_SEQ("resp_tcp_seq"), FLOW_ID("flow_id"), IP_0("ip_0"), IP_1("ip_1"), IP4_0("ip4_0"), IP4_1("ip4_1"),
    IP6_0("ip6_0"), IP6_1("ip6_1"),
    L7_PROTOCOL("l7_protocol"), L7_PROTOCOL_STR("l7_protocol_str"), BIZ_PROTOCOL("biz_protocol"), VERSION("version"),
    TYPE("type"), IS_TLS("is_tls"), IS_ASYNC("is_async"), REQUEST_TYPE("request_type"), REQUEST_DOMAIN("request_domain"),
    REQUEST_RESOURCE("request_resource"), ENDPOINT("endpoint"), END_POINT("end_point"), REQUEST_ID("request_id"),
    RESPONSE_STATUS("response_status"), RESPONSE_CODE("response_code"), RESPONSE_EXCEPTION("response_exception"),
    RESPONSE_RESULT("response_result"), RESPONSE_DURATION("response_duration"), BIZ_RESPONSE_CODE("biz_response_code"),
    HTTP_PROXY_CLIENT("http_proxy_client"),
    TRACE_ID("trace_id"), TRACE_ID_2("trace_id_2"), TRACE_ID_2_COLUMN("_trace_id_2"), SPAN_ID("span_id"),
    PARENT_SPAN_ID("parent_span_id"), X_REQUEST_ID_0("x_request_id_0"), X_REQUEST_ID_1("x_request_id_1"),
    SYSCALL_TRACE_ID_REQUEST("syscall_trace_id_request"), SYSCALL_TRACE_ID_RESPONSE("syscall_trace_id_response"),
    SYSCALL_CAP_SEQ_0("syscall_cap_seq_0"), SYSCALL_CAP_SEQ_1("syscall_cap_seq_1"),
    APP_SERVICE("app_service"), APP_INSTANCE("app_instance"), PROCESS_ID_0("process_id_0"), PROCESS_ID_1("process_id_1"),
    PROCESS_KNAME_0("process_kname_0"), PROCESS_KNAME_1("process_kname_1"), GPROCESS_0("gprocess_0"), GPROCESS_1("gprocess_1"),
    AUTO_INSTANCE_ID_0("auto_instance_id_0"), AUTO_INSTANCE_ID_1("auto_instance_id_1"),
    AUTO_INSTANCE_0("auto_instance_0"), AUTO_INSTANCE_1("auto_instance_1"),
    AUTO_INSTANCE_TYPE_0("auto_instance_type_0"), AUTO_INSTANCE_TYPE_1("auto_instance_type_1"),
    AUTO_SERVICE_ID_0("auto_service_id_0"), AUTO_SERVICE_ID_1("auto_service_id_1"),
    AUTO_SERVICE_0("auto_service_0"), AUTO_SERVICE_1("auto_service_1"),
    AUTO_SERVICE_TYPE_0("auto_service_type_0"), AUTO_SERVICE_TYPE_1("auto_service_type_1"),
    SUBNET_ID_0("subnet_id_0"), SUBNET_ID_1("subnet_id_1"), SUBNET_0("subnet_0"), SUBNET_1("subnet_1"),
    RESOURCE_FROM_VTAP("resource_from_vtap"), QUERIER_REGION("_querier_region"), ENUM_TAP_SIDE("Enum(tap_side)"),
    ENUM_L7_PROTOCOL("Enum(l7_protocol)"), ATTRIBUTE("attribute"), ATTRIBUTE_NAMES("attribute_names"),
    ATTRIBUTE_VALUES("attribute_values");

    private static final int SLOTS = 512; // a power of two, > 4 × the number of keys: short probes
    private static final RowKey[] TABLE = new RowKey[SLOTS];
    private static final Map<String, RowKey> BY_NAME = new HashMap<>();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (RowKey k : values()) {
            int i = slot(k.utf8.length, k.head, k.tail);
            while (TABLE[i] != null) {
                i = (i + 1) & (SLOTS - 1);
            }
            TABLE[i] = k;
            BY_NAME.put(k.json, k);
        }
    }

    /** The key as it appears in the JSON, used in error messages. */
    final String json;
    private final byte[] utf8;
    /** First and last eight bytes (fewer, zero-extended, for short keys): with the length, all of a key up to 16 bytes. */
    private final long head;
    private final long tail;

    RowKey(String json) {
        this.json = json;
        this.utf8 = json.getBytes(StandardCharsets.UTF_8);
        // byte by byte: an enum's constants are built before its static fields (LONGS) are set
        this.head = loadBytes(utf8, 0, Math.min(8, utf8.length));
        this.tail = loadBytes(utf8, Math.max(0, utf8.length - 8), Math.min(8, utf8.length));
    }

    /** The key whose UTF-8 bytes are {@code b[from, to)}, or null for a key the decoder skips. */
    static RowKey of(byte[] b, int from, int to) {
        int len = to - from;
        long head = load(b, from, Math.min(8, len));
        long tail = load(b, Math.max(from, to - 8), Math.min(8, len));
        int i = slot(len, head, tail);
        RowKey k;
        while ((k = TABLE[i]) != null) {
            if (k.head == head && k.tail == tail && k.utf8.length == len
                    && (len <= 16 || Arrays.equals(k.utf8, 8, len - 8, b, from + 8, to - 8))) {
                return k;
            }
            i = (i + 1) & (SLOTS - 1);
        }
        return null;
    }

    /** The key of a decoded name (a key written with escapes), or null. */
    static RowKey of(String name) {
        return BY_NAME.get(name);
    }

    /** Constant work per key (no loop over its bytes): length, head and tail, multiplied and folded. */
    private static int slot(int len, long head, long tail) {
        long h = head * 0x9e3779b97f4a7c15L ^ tail * 0xc2b2ae3d27d4eb4fL ^ len;
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        return (int) (h >>> 40) & (SLOTS - 1);
    }

    /** Up to eight bytes from {@code from}, little-endian, zero-extended. */
    private static long load(byte[] b, int from, int n) {
        if (n == 8) {
            return (long) LONGS.get(b, from);
        }
        if (n > 0 && b.length - from >= 8) {
            // a short key inside a longer buffer: one read, the bytes after the key masked off
            return (long) LONGS.get(b, from) & (-1L >>> (64 - 8 * n));
        }
        return loadBytes(b, from, n);
    }

    private static long loadBytes(byte[] b, int from, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[from + i] & 0xff);
        }
        return v;
    }
}
