package io.tracefill.serdes.json;

import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;

/**
 * What one record says about one side ({@code _0} client, {@code _1} server) while it is read,
 * before ids are derived from names. {@code -1} marks an id or type the record did not carry.
 */
final class SideFields {
    static final int ABSENT = -1;

    int processId;
    long autoInstanceId = ABSENT;
    String autoInstance;
    int autoInstanceType = ABSENT;
    long autoServiceId = ABSENT;
    String autoService;
    int autoServiceType = ABSENT;
    long subnetId = ABSENT;
    String subnet;
    /** The querier's {@code ip_*}. */
    String ip;
    /** The exporter's {@code ip4_*}, {@code ip6_*}. */
    String ip4;
    String ip6;
    String processKname;
    String gprocess;

    /**
     * The side as the model holds it.
     *
     * @param isIpv4 the record's {@code is_ipv4}, or {@link #ABSENT}
     */
    FlowSide toFlowSide(int isIpv4) {
        long subnetIdOut = subnetId != ABSENT ? subnetId : present(subnet) ? DerivedIds.subnet(subnet) : 0;
        int instanceType = autoInstanceType == ABSENT ? 0 : autoInstanceType;
        int serviceType = autoServiceType == ABSENT ? 0 : autoServiceType;
        return new FlowSide(
                processId,
                autoInstanceId != ABSENT ? autoInstanceId : derivedId(instanceType, autoInstance, subnetIdOut),
                autoInstance,
                instanceType,
                autoServiceId != ABSENT ? autoServiceId : derivedId(serviceType, autoService, subnetIdOut),
                autoService,
                serviceType,
                subnetIdOut,
                subnet,
                address(isIpv4),
                processKname,
                gprocess);
    }

    /**
     * The id of a resource the record names but does not number. DeepFlow numbers an IP-typed
     * resource with its subnet's id and an Internet address with 0, so those follow suit; any
     * other resource gets an id derived from its type and name.
     */
    private static long derivedId(int type, String name, long subnetId) {
        if (!present(name) || type == ResourceType.INTERNET_IP) {
            return 0;
        }
        if (type == ResourceType.IP && subnetId != 0) {
            return subnetId;
        }
        return DerivedIds.resource(type, name);
    }

    /**
     * The side's address. The exporter writes IPv6 rows with {@code is_ipv4: 0} and
     * {@code ip4_*: "0.0.0.0"} (its IPv6 columns never reach the JSON, formats §7.3): that
     * placeholder is no address, so it becomes "".
     */
    private String address(int isIpv4) {
        if (present(ip)) {
            return ip;
        }
        if (isIpv4 == 0) {
            return present(ip6) ? ip6 : "0.0.0.0".equals(ip4) ? "" : ip4;
        }
        return present(ip4) ? ip4 : ip6;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
