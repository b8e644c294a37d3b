package io.tracefill.serdes.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Observation points ({@code tap_side}, {@code observation_point} in newer DeepFlow), their
 * numeric codes and the display names DeepFlow's Kafka exporter writes (formats §1.3).
 */
public final class TapSide {
    public static final String REST = "rest";
    public static final String CLIENT_NIC = "c";
    public static final String SERVER_NIC = "s";
    public static final String LOCAL = "local";
    public static final String CLIENT_NODE = "c-nd";
    public static final String SERVER_NODE = "s-nd";
    public static final String CLIENT_HYPERVISOR = "c-hv";
    public static final String SERVER_HYPERVISOR = "s-hv";
    public static final String CLIENT_GATEWAY_HYPERVISOR = "c-gw-hv";
    public static final String SERVER_GATEWAY_HYPERVISOR = "s-gw-hv";
    public static final String CLIENT_GATEWAY = "c-gw";
    public static final String SERVER_GATEWAY = "s-gw";
    public static final String CLIENT_PROCESS = "c-p";
    public static final String SERVER_PROCESS = "s-p";
    public static final String APP = "app";
    public static final String CLIENT_APP = "c-app";
    public static final String SERVER_APP = "s-app";

    private record Entry(int code, String displayName) {
    }

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();
    private static final Map<Integer, String> BY_CODE = new LinkedHashMap<>();
    private static final Map<String, String> BY_DISPLAY = new LinkedHashMap<>();

    static {
        add(REST, 0, "Other NIC");
        add(CLIENT_NIC, 1, "Client NIC");
        add(SERVER_NIC, 2, "Server NIC");
        add(LOCAL, 4, "Local NIC");
        add(CLIENT_NODE, 9, "Client K8s Node");
        add(SERVER_NODE, 10, "Server K8s Node");
        add(CLIENT_HYPERVISOR, 17, "Client VM Hypervisor");
        add(SERVER_HYPERVISOR, 18, "Server VM Hypervisor");
        add(CLIENT_GATEWAY_HYPERVISOR, 25, "Client-side Gateway Hypervisor");
        add(SERVER_GATEWAY_HYPERVISOR, 26, "Server-side Gateway Hypervisor");
        add(CLIENT_GATEWAY, 33, "Client-side Gateway");
        add(SERVER_GATEWAY, 34, "Server-side Gateway");
        add(CLIENT_PROCESS, 41, "Client Process");
        add(SERVER_PROCESS, 42, "Server Process");
        add(APP, 48, "Application");
        add(CLIENT_APP, 49, "Client Application");
        add(SERVER_APP, 50, "Server Application");
    }

    private static void add(String name, int code, String display) {
        BY_NAME.put(name, new Entry(code, display));
        BY_CODE.put(code, name);
        BY_DISPLAY.put(display.toLowerCase(Locale.ROOT), name);
    }

    private TapSide() {
    }

    public static boolean isKnown(String tapSide) {
        return BY_NAME.containsKey(tapSide);
    }

    /** DeepFlow's display name of a tap_side, or null if unknown. */
    public static String displayName(String tapSide) {
        Entry e = BY_NAME.get(tapSide);
        return e == null ? null : e.displayName();
    }

    /** The tap_side of a numeric code, or null. */
    public static String fromCode(int code) {
        return BY_CODE.get(code);
    }

    /**
     * Normalises any of DeepFlow's renderings (code {@code "s-p"}, display name
     * {@code "Server Process"}) to the code; null when unknown.
     */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        if (BY_NAME.containsKey(value)) {
            return value;
        }
        return BY_DISPLAY.get(value.toLowerCase(Locale.ROOT));
    }

    public static boolean isProcess(String tapSide) {
        return CLIENT_PROCESS.equals(tapSide) || SERVER_PROCESS.equals(tapSide);
    }
}
