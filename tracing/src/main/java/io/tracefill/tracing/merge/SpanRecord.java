package io.tracefill.tracing.merge;

import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.List;

/**
 * One merged record of the sort stage (the reference's per-flow dict): the merged row, the
 * {@code _id}s merged into it, and everything the sort stage writes onto it — parent, children,
 * mount reason, self time and the direction-free service tags it receives from its span sets.
 */
public final class SpanRecord {
    private Flow row;
    private final List<String> ids = new ArrayList<>();
    private List<String> traceIds;
    private final boolean external;
    private int index = -1;

    // written by the sort stage
    public long selftime;
    public int parentId = -1;
    /** Null until the first child is linked, like the reference's missing {@code childs} key. */
    public List<Integer> childs;
    public String setParentInfo;
    public int agentRank;

    // direction-free tags written by process / network span sets; null = never written
    public Long autoServiceId;
    public String autoService;
    public Integer autoServiceType;
    public Integer autoInstanceType;
    public Long subnetId;
    public String subnet;
    public String ip;
    public String processKname;
    public Integer processId;
    public String gprocess;

    SpanRecord(Flow row, boolean external) {
        this.row = row;
        this.external = external;
        this.ids.add(row.id());
        this.traceIds = row.traceIds();
    }

    public Flow row() {
        return row;
    }

    void replaceRow(Flow merged) {
        this.row = merged;
    }

    /** {@code _id}s of the rows merged into this record, first row first. */
    public List<String> ids() {
        return ids;
    }

    /** Sorted trace ids (a union after an asynchronous merge). */
    public List<String> traceIds() {
        return traceIds;
    }

    void setTraceIds(List<String> ids) {
        this.traceIds = List.copyOf(ids);
    }

    /** True for an application span supplied by the caller rather than found in storage. */
    public boolean external() {
        return external;
    }

    /** Position in the merged list ({@code _index}); the output {@code id}. */
    public int index() {
        return index;
    }

    void setIndex(int index) {
        this.index = index;
    }

    public void addChild(int childIndex) {
        if (childs == null) {
            childs = new ArrayList<>();
        }
        childs.add(childIndex);
    }

    public void removeChild(int childIndex) {
        if (childs != null) {
            childs.remove(Integer.valueOf(childIndex));
        }
    }

    public List<Integer> childsOrEmpty() {
        return childs == null ? List.of() : childs;
    }

    @Override
    public String toString() {
        return "SpanRecord[" + index + " " + row.tapSide() + " " + ids + "]";
    }
}
