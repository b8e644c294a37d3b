package io.tracefill.serdes.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
    /** No key of the table is longer: a longer key is unknown without looking. */
    private static final int MAX_LENGTH = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    // the table, column-wise: a probe compares primitives and touches no key object until a hit
    private static final RowKey[] KEYS = new RowKey[SLOTS];
    private static final int[] LENGTHS = new int[SLOTS];
    private static final long[] WORD0 = new long[SLOTS];
    private static final long[] WORD1 = new long[SLOTS];
    private static final long[] WORD2 = new long[SLOTS];
    private static final long[] WORD3 = new long[SLOTS];
    private static final Map<String, RowKey> BY_NAME = new HashMap<>();

    static {
        for (RowKey k : values()) {
            byte[] u = k.json.getBytes(StandardCharsets.UTF_8);
            if (u.length > MAX_LENGTH) {
                throw new IllegalStateException("key longer than " + MAX_LENGTH + " bytes: " + k.json);
            }
            long w0 = word(u, 0, u.length, 0);
            long w1 = word(u, 0, u.length, 8);
            long w2 = word(u, 0, u.length, 16);
            long w3 = word(u, 0, u.length, 24);
            int i = slot(u.length, w0, w1 ^ w2 ^ w3);
            while (KEYS[i] != null) {
                i = (i + 1) & (SLOTS - 1);
            }
            KEYS[i] = k;
            LENGTHS[i] = u.length;
            WORD0[i] = w0;
            WORD1[i] = w1;
            WORD2[i] = w2;
            WORD3[i] = w3;
            BY_NAME.put(k.json, k);
        }
    }

    /** The key as it appears in the JSON, used in error messages. */
    final String json;

    RowKey(String json) {
        this.json = json;
    }

    /** The key whose UTF-8 bytes are {@code b[from, to)}, or null for a key the decoder skips. */
    static RowKey of(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return null;
        }
        long w0 = word(b, from, len, 0);
        long w1 = word(b, from, len, 8);
        long w2 = word(b, from, len, 16);
        long w3 = word(b, from, len, 24);
        int i = slot(len, w0, w1 ^ w2 ^ w3);
        RowKey k;
        while ((k = KEYS[i]) != null) {
            if (LENGTHS[i] == len && WORD0[i] == w0 && WORD1[i] == w1 && WORD2[i] == w2 && WORD3[i] == w3) {
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

    private static int slot(int len, long first, long rest) {
        long h = first * 0x9e3779b97f4a7c15L ^ rest * 0xc2b2ae3d27d4eb4fL ^ len;
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        return (int) (h >>> 40) & (SLOTS - 1);
    }

    /** Bytes {@code [at, at + 8)} of the key (fewer at its end, zero-extended; 0 past it), little-endian. */
    private static long word(byte[] b, int from, int len, int at) {
        int n = Math.min(8, len - at);
        if (n <= 0) {
            return 0;
        }
        int i = from + at;
        if (b.length - i >= 8) {
            long w = (long) LONGS.get(b, i);
            return n == 8 ? w : w & (-1L >>> (64 - 8 * n)); // bytes after the key masked off
        }
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = v << 8 | (b[i + k] & 0xff);
        }
        return v;
    }
}
