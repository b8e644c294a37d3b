package io.tracefill.serdes.model;

/**
 * Resource tags of one side of a request: {@code _0} is the client, {@code _1} the server,
 * wherever the row was captured (DeepFlow's convention).
 *
 * <p>Names are DeepFlow's knowledge-graph names; ids are the numeric ids when the source had
 * them (the querier's rows always do; DeepFlow's Kafka exporter replaces most ids by names).
 */
public record FlowSide(
        int processId,
        long autoInstanceId,
        String autoInstance,
        int autoInstanceType,
        long autoServiceId,
        String autoService,
        int autoServiceType,
        long subnetId,
        String subnet,
        String ip,
        String processKname,
        String gprocess) {

    public static final FlowSide EMPTY = new FlowSide(0, 0, "", 0, 0, "", 0, 0, "", "", "", "");

    public FlowSide {
        autoInstance = Values.orEmpty(autoInstance);
        autoService = Values.orEmpty(autoService);
        subnet = Values.orEmpty(subnet);
        ip = Values.orEmpty(ip);
        processKname = Values.orEmpty(processKname);
        gprocess = Values.orEmpty(gprocess);
    }

    /** Each field of this side, or the donor's where this one is absent (0 or empty). */
    public FlowSide fillAbsentFrom(FlowSide d) {
        return new FlowSide(
                processId != 0 ? processId : d.processId,
                autoInstanceId != 0 ? autoInstanceId : d.autoInstanceId,
                Values.present(autoInstance) ? autoInstance : d.autoInstance,
                autoInstanceType != 0 ? autoInstanceType : d.autoInstanceType,
                autoServiceId != 0 ? autoServiceId : d.autoServiceId,
                Values.present(autoService) ? autoService : d.autoService,
                autoServiceType != 0 ? autoServiceType : d.autoServiceType,
                subnetId != 0 ? subnetId : d.subnetId,
                Values.present(subnet) ? subnet : d.subnet,
                Values.present(ip) ? ip : d.ip,
                Values.present(processKname) ? processKname : d.processKname,
                Values.present(gprocess) ? gprocess : d.gprocess);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(EMPTY);
    }

    /** Mutable builder used by decoders and tests. */
    public static final class Builder {
        private int processId;
        private long autoInstanceId;
        private String autoInstance;
        private int autoInstanceType;
        private long autoServiceId;
        private String autoService;
        private int autoServiceType;
        private long subnetId;
        private String subnet;
        private String ip;
        private String processKname;
        private String gprocess;

        private Builder(FlowSide s) {
            processId = s.processId;
            autoInstanceId = s.autoInstanceId;
            autoInstance = s.autoInstance;
            autoInstanceType = s.autoInstanceType;
            autoServiceId = s.autoServiceId;
            autoService = s.autoService;
            autoServiceType = s.autoServiceType;
            subnetId = s.subnetId;
            subnet = s.subnet;
            ip = s.ip;
            processKname = s.processKname;
            gprocess = s.gprocess;
        }

        public Builder processId(int v) { processId = v; return this; }
        public Builder autoInstanceId(long v) { autoInstanceId = v; return this; }
        public Builder autoInstance(String v) { autoInstance = v; return this; }
        public Builder autoInstanceType(int v) { autoInstanceType = v; return this; }
        public Builder autoServiceId(long v) { autoServiceId = v; return this; }
        public Builder autoService(String v) { autoService = v; return this; }
        public Builder autoServiceType(int v) { autoServiceType = v; return this; }
        public Builder subnetId(long v) { subnetId = v; return this; }
        public Builder subnet(String v) { subnet = v; return this; }
        public Builder ip(String v) { ip = v; return this; }
        public Builder processKname(String v) { processKname = v; return this; }
        public Builder gprocess(String v) { gprocess = v; return this; }

        public FlowSide build() {
            return new FlowSide(processId, autoInstanceId, autoInstance, autoInstanceType, autoServiceId,
                    autoService, autoServiceType, subnetId, subnet, ip, processKname, gprocess);
        }
    }
}
