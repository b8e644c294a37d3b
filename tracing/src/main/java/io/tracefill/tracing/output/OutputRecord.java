package io.tracefill.tracing.output;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.merge.SpanRecord;

import java.util.List;

/**
 * One entry of the output list while the output stage works on it (the reference's output
 * dict). The same record may be listed twice (a child left in an old parent's child list is
 * visited twice, D13); it is then the same object, as in the reference.
 */
final class OutputRecord {
    final SpanRecord record;
    long selftime;
    int parentId;
    List<String> relatedIds = List.of();
    String serviceUid;
    String serviceUname;
    String deepflowSpanId;
    /** Null stands for the reference's {@code -1}: the parent was not emitted. */
    String deepflowParentSpanId;
    long renderStartTimeUs;
    long renderEndTimeUs;

    OutputRecord(SpanRecord record) {
        this.record = record;
        this.selftime = record.selftime;
        this.parentId = record.parentId;
    }

    int id() {
        return record.index();
    }

    Flow row() {
        return record.row();
    }

    List<Integer> childs() {
        return record.childsOrEmpty();
    }
}
