package io.tracefill.topology.http;

import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.DecodeLimits;
import io.tracefill.serdes.json.ErrorResponse;
import io.tracefill.serdes.json.ErrorStatus;
import io.tracefill.serdes.json.L7TracingRequestDecoder;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.L7TracingRequest;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.topology.config.HttpApiSettings;
import io.tracefill.topology.query.ClusterFlowIndex;
import io.tracefill.topology.query.Deadline;
import io.tracefill.topology.query.StateUnavailableException;
import io.tracefill.topology.query.StateView;
import io.tracefill.topology.stream.EventTimeCheck;
import io.tracefill.tracing.FlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TracingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * DeepFlow's querier calls, answered by the engine over a {@link StateView}: request body in,
 * status and envelope out. The same decoders, engine classes and encoder as the CLI's
 * {@code complete} and {@code trace}, so an answer equals the offline one over the same rows.
 *
 * <p>Bounds ({@link HttpApiSettings}): app spans per request, {@code max_iteration}, a time
 * budget per call, and at most {@code concurrent-queries} calls computed at once (more get 503).
 * Refused requests get DeepFlow's {@code INVALID_POST_DATA} envelope with HTTP 400; state that
 * cannot be read now gets {@code SERVICE_UNAVAILABLE} with 503 and a description saying to retry.
 * Thread-safe.
 */
public final class QuerierApi {
    /** Larger network tolerances or clock offsets than an hour are unit mistakes, not tolerances. */
    static final long MAX_TOLERANCE_US = 3_600_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(QuerierApi.class);
    private static final long MIN_S = EventTimeCheck.MIN_US / 1_000_000L;
    private static final long MAX_S = EventTimeCheck.MAX_US / 1_000_000L;

    private final StateView state;
    private final TracingConfig tracing;
    private final HttpApiSettings limits;
    private final int flowsPerKey;
    private final Semaphore computing;
    private final CompletionRequestDecoder completionDecoder;
    private final L7TracingRequestDecoder tracingDecoder;
    private final TracingResponseEncoder completionEncoder =
            new TracingResponseEncoder(ResponseType.TRACING_COMPLETION, false);
    private final TracingResponseEncoder tracingEncoder = new TracingResponseEncoder(ResponseType.L7_FLOW_TRACING, false);

    /** @param flowsPerKey the index's bound, named in the note on an answer that met a cut key */
    public QuerierApi(StateView state, TracingConfig tracing, HttpApiSettings limits, int flowsPerKey) {
        this.state = state;
        this.tracing = tracing;
        this.limits = limits;
        this.flowsPerKey = flowsPerKey;
        this.computing = new Semaphore(limits.concurrentQueries());
        DecodeLimits decodeLimits = new DecodeLimits(limits.maxRequestBytes(), 1 << 16, 32);
        this.completionDecoder = new CompletionRequestDecoder(limits.maxAppSpans(), decodeLimits);
        this.tracingDecoder = new L7TracingRequestDecoder(decodeLimits);
    }

    public HttpApiSettings limits() {
        return limits;
    }

    /** {@code POST /v1/stats/querier/tracing-completion-by-external-app-spans}. */
    public ApiResponse complete(byte[] body) {
        CompletionRequest request;
        try {
            request = completionDecoder.decode(body);
            check(request);
        } catch (DecodeException e) {
            return new ApiResponse(400, ErrorResponse.invalidPostData(e));
        }
        return compute("trace completion", index -> new TraceCompletion(index, tracing).complete(request),
                completionEncoder);
    }

    /** {@code POST /v1/stats/querier/L7FlowTracing}. */
    public ApiResponse l7FlowTracing(byte[] body) {
        L7TracingRequest r;
        try {
            r = tracingDecoder.decode(body);
            check(r);
        } catch (DecodeException e) {
            return new ApiResponse(400, ErrorResponse.invalidPostData(e));
        }
        TraceRequest request = new TraceRequest(r.id(), r.traceId(), new TimeWindow(r.timeStartS(), r.timeEndS()),
                r.maxIteration(), r.networkDelayUs(), r.hostClockOffsetUs(), r.otelOnly());
        return compute("L7 flow tracing", index -> new L7FlowTracing(index, tracing).trace(request), tracingEncoder);
    }

    /** {@code GET /v1/traces/{trace_id}}: the trace's last emission, empty when the stream emitted none. */
    public Optional<byte[]> trace(String traceId) {
        return state.emitted(traceId, Deadline.in(limits.timeoutMs()));
    }

    private ApiResponse compute(String what, Function<FlowIndex, TracingResult> engine,
                                TracingResponseEncoder encoder) {
        if (!computing.tryAcquire()) {
            return unavailable("busy: " + limits.concurrentQueries() + " tracing calls are being computed ("
                    + HttpApiSettings.CONCURRENT_QUERIES + "); retry in a moment");
        }
        try {
            FlowIndex index = state.flowIndex(Deadline.in(limits.timeoutMs()));
            TracingResult result = engine.apply(index);
            // a rebalance during the call may have moved partitions: answer only if none started
            state.requireRunning();
            if (index instanceof ClusterFlowIndex c && c.cutKeys() > 0) {
                result = withNote(result, "tracefill: " + c.cutKeys() + " correlation keys held more than "
                        + flowsPerKey + " flows per minute; flows beyond were not indexed");
            }
            return new ApiResponse(200, encoder.encode(result));
        } catch (StateUnavailableException e) {
            return unavailable(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} failed", what, e);
            return new ApiResponse(500, ErrorResponse.encode(ErrorStatus.INTERNAL_SERVER_ERROR, what + " failed: " + e));
        } finally {
            computing.release();
        }
    }

    private static ApiResponse unavailable(String description) {
        return new ApiResponse(503, Envelopes.unavailable(description));
    }

    private void check(CompletionRequest r) throws DecodeException {
        checkMaxIteration(r.maxIteration(), "max_iteration");
        checkTolerance(r.networkDelayUs(), "network_delay_us");
        List<AppSpan> spans = r.appSpans();
        for (int i = 0; i < spans.size(); i++) {
            AppSpan s = spans.get(i);
            String at = "app_spans[" + i + "].";
            checkTimeUs(s.startTimeUs(), at + "start_time_us");
            checkTimeUs(s.endTimeUs(), at + "end_time_us");
            if (s.endTimeUs() < s.startTimeUs()) {
                throw new DecodeException(at + "end_time_us", "is before start_time_us (" + s.endTimeUs() + " < "
                        + s.startTimeUs() + ")");
            }
        }
    }

    private void check(L7TracingRequest r) throws DecodeException {
        checkMaxIteration(r.maxIteration(), "MAX_ITERATION");
        checkTolerance(r.networkDelayUs(), "NETWORK_DELAY_US");
        checkTolerance(r.hostClockOffsetUs(), "HOST_CLOCK_OFFSET_US");
        checkTimeS(r.timeStartS(), "TIME_START");
        checkTimeS(r.timeEndS(), "TIME_END");
    }

    private static void checkTimeS(long s, String key) throws DecodeException {
        if (s < MIN_S || s >= MAX_S) {
            throw new DecodeException(key, "must be seconds since the epoch in the years 2000-2099, got " + s);
        }
    }

    private void checkMaxIteration(Integer maxIteration, String key) throws DecodeException {
        if (maxIteration != null && maxIteration > limits.maxIteration()) {
            throw new DecodeException(key, "at most " + limits.maxIteration() + " is accepted ("
                    + HttpApiSettings.MAX_ITERATION + "), got " + maxIteration);
        }
    }

    private static void checkTolerance(Long us, String key) throws DecodeException {
        if (us != null && us > MAX_TOLERANCE_US) {
            throw new DecodeException(key, "at most " + MAX_TOLERANCE_US + " µs (an hour) is accepted, got " + us);
        }
    }

    private static void checkTimeUs(long us, String key) throws DecodeException {
        if (us < EventTimeCheck.MIN_US || us >= EventTimeCheck.MAX_US) {
            throw new DecodeException(key, "must be µs since the epoch in the years 2000-2099, got " + us);
        }
    }

    private static TracingResult withNote(TracingResult r, String note) {
        List<String> notes = new ArrayList<>(r.notes());
        notes.add(note);
        return new TracingResult(r.found(), r.tracing(), r.services(), r.hostClockCorrection(), notes);
    }
}
