package io.tracefill.serdes.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Knowledge-graph resource types: the codes of {@code auto_instance_type_*} and
 * {@code auto_service_type_*}, and the lower-case names DeepFlow's Kafka exporter writes in
 * their place when universal-tag translation is on ({@code "pod"}, {@code "chost"} …).
 *
 * <p>The names follow the exporter's own device-type table
 * ({@code server/ingester/exporters/universal_tag}), which is what appears on the wire. Note that
 * the querier's display-name file for {@code auto_instance_type} swaps 12 and 13 (RDS/Redis)
 * relative to that table; the exporter's table wins here because it is what we decode.
 */
public final class ResourceType {
    public static final int INTERNET_IP = 0;
    public static final int CHOST = 1;
    public static final int ROUTER = 5;
    public static final int HOST = 6;
    public static final int DHCP_GATEWAY = 9;
    public static final int POD = 10;
    public static final int POD_SERVICE = 11;
    public static final int REDIS = 12;
    public static final int RDS = 13;
    public static final int POD_NODE = 14;
    public static final int LOAD_BALANCER = 15;
    public static final int NAT_GATEWAY = 16;
    public static final int POD_GROUP = 101;
    public static final int SERVICE = 102;
    public static final int GPROCESS = 120;
    public static final int IP = 255;

    private static final Map<String, Integer> CODES = new HashMap<>();
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        name(INTERNET_IP, "internet_ip");
        name(CHOST, "chost");
        name(ROUTER, "router");
        name(HOST, "host");
        name(DHCP_GATEWAY, "dhcpgw");
        name(POD, "pod");
        name(POD_SERVICE, "pod_service");
        name(REDIS, "redis");
        name(RDS, "rds");
        name(POD_NODE, "pod_node");
        name(LOAD_BALANCER, "lb");
        name(NAT_GATEWAY, "natgw");
        name(POD_GROUP, "pod_group");
        name(SERVICE, "service");
        name(GPROCESS, "gprocess");
        name(IP, "ip");
        // a short form people write by hand; never on DeepFlow's wire
        CODES.put("internet", INTERNET_IP);
    }

    private static void name(int code, String name) {
        CODES.put(name, code);
        NAMES.put(code, name);
    }

    private ResourceType() {
    }

    /** The exporter's name of a type code, or null when it has none. */
    public static String name(int code) {
        return NAMES.get(code);
    }

    /** Code of a type name (case-insensitive), or -1. */
    public static int fromName(String name) {
        if (name == null) {
            return -1;
        }
        Integer code = CODES.get(name.toLowerCase(Locale.ROOT));
        return code == null ? -1 : code;
    }

    /** Types whose resource name is an IP address rather than a named resource. */
    public static boolean isAddress(int code) {
        return code == IP || code == INTERNET_IP;
    }
}
