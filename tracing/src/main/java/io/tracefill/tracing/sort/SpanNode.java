package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.merge.SpanRecord;

/**
 * A merged record as a node of the trace tree, with its derived identity (agent, instance,
 * process) and the flags the set-connection steps read (spec §7.1).
 */
public final class SpanNode {
    private static final int AUTO_INSTANCE_POD = 10;

    private final SpanRecord record;
    private final SpanKind kind;
    private final String tapSide;
    private final long agentId;
    private final AutoInstance autoInstance;
    private final int autoInstanceType;
    private final int processId;

    SpanNode parent;
    int childrenCount;
    boolean isPsRoot;
    boolean isPsLeaf;
    boolean isNetRoot;
    boolean isNetLeaf;
    ProcessSpanSet processSpanSet;
    NetworkSpanSet networkSpanSet;

    SpanNode(SpanRecord record) {
        this.record = record;
        Flow f = record.row();
        this.kind = SpanKind.of(f.signalSource());
        this.tapSide = f.tapSide();
        this.agentId = f.vtapId();
        this.autoInstance = AutoInstance.of(f);
        this.autoInstanceType = startsClientSide(tapSide) ? f.client().autoInstanceType() : f.server().autoInstanceType();
        this.processId = processIdOf(f);
    }

    /** {@code c*} points read the client side, except {@code app}, which reads the server side. */
    static boolean startsClientSide(String tapSide) {
        return tapSide.startsWith("c") && !TapSide.APP.equals(tapSide);
    }

    private static int processIdOf(Flow f) {
        return switch (f.tapSide()) {
            case TapSide.SERVER_PROCESS -> f.server().processId();
            case TapSide.CLIENT_PROCESS -> f.client().processId();
            default -> 0;
        };
    }

    public SpanRecord record() {
        return record;
    }

    public Flow row() {
        return record.row();
    }

    public int index() {
        return record.index();
    }

    public SpanKind kind() {
        return kind;
    }

    public String tapSide() {
        return tapSide;
    }

    public long agentId() {
        return agentId;
    }

    public AutoInstance autoInstance() {
        return autoInstance;
    }

    public int autoInstanceType() {
        return autoInstanceType;
    }

    public int processId() {
        return processId;
    }

    public SpanNode parent() {
        return parent;
    }

    /** The instance name DeepFlow maps OTel spans to agents with (spec §10). */
    String autoInstanceName() {
        Flow f = row();
        return startsClientSide(tapSide) ? f.client().autoInstance() : f.server().autoInstance();
    }

    long start() {
        return row().startTimeUs();
    }

    long end() {
        return row().endTimeUs();
    }

    long duration() {
        return row().responseDuration();
    }

    boolean hasParentId() {
        return record.parentId >= 0;
    }

    /**
     * Links this span under {@code newParent} with the mount reason. A previous parent is not
     * detached (it keeps this span among its children), as in the reference.
     */
    void setParent(SpanNode newParent, String reason, LinkListener listener) {
        if (listener != null) {
            listener.beforeLink(this, newParent);
        }
        this.parent = newParent;
        newParent.childrenCount++;
        record.parentId = newParent.index();
        newParent.record.addChild(index());
        record.setParentInfo = reason;
    }

    /** Undoes the child list entry and count of a link to {@code oldParent}. */
    void detachFrom(SpanNode oldParent) {
        this.parent.childrenCount--;
        oldParent.record.removeChild(index());
    }

    /** {@code time_range_cover}: this span's range covers the other's. */
    boolean covers(SpanNode other, boolean allowLostResponse) {
        boolean covered = start() <= other.start() && end() >= other.end();
        if (allowLostResponse && !covered) {
            // the server may have lost its response: its duration is then 0
            covered = start() <= other.start() && duration() == 0;
        }
        return covered;
    }

    /** {@code time_full_before}: starts no later and ends strictly earlier. */
    boolean fullyBefore(SpanNode other, boolean allowLostResponse) {
        boolean before = start() <= other.start() && end() < other.end();
        if (allowLostResponse && !before) {
            before = start() <= other.start() && duration() == 0;
        }
        return before;
    }

    boolean startsNoLaterThan(SpanNode other) {
        return start() <= other.start();
    }

    /** Same agent, and the same process id or the same pod. */
    boolean processMatched(SpanNode other) {
        if (agentId != other.agentId) {
            return false;
        }
        boolean sameProcess = processId != 0 && other.processId != 0 && processId == other.processId;
        boolean samePod = autoInstanceType == AUTO_INSTANCE_POD && other.autoInstanceType == AUTO_INSTANCE_POD
                && !autoInstance.isZeroId() && autoInstance.equals(other.autoInstance);
        return sameProcess || samePod;
    }

    @Override
    public String toString() {
        return "SpanNode[" + index() + " " + tapSide + "]";
    }
}
