package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.search.SearchQuery;

import java.util.List;
import java.util.Optional;

/**
 * A tracing computation that asks its storage one query at a time: it says which query it waits
 * for, takes the rows that answer it (in {@link FlowOrder}, cut at the query's limit, as
 * {@link FlowIndex#answer} returns them) and moves on until done. A {@link FlowIndex} answers at
 * once; the stream answers through probe topics, round by round, and gets the very same result.
 */
public interface ResumableRun {

    /** The query this run waits for; empty once it is done. */
    Optional<SearchQuery> awaiting();

    boolean done();

    /** Answers the awaited query. */
    void answer(List<Flow> rows);

    /** The rows found in storage so far (the entry first), in the order found. */
    List<Flow> found();

    /** The finished trace; only once {@link #done()}. */
    TracingResult result();
}
