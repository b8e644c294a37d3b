package io.tracefill.topology.demo;

import io.tracefill.topology.app.PipelineMetrics;
import io.tracefill.topology.app.RecentRate;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One line on how the demo is doing, from the pipeline's metrics: flows read and their rate,
 * traces open and emitted, and the consumer's lag behind the topics it reads.
 *
 * @param elapsed      time since the traffic started
 * @param requests     user requests the traffic generator has made
 * @param flowsIn      flows (app spans and DeepFlow rows) the pipeline has read
 * @param flowsPerS    their recent rate
 * @param tracesOpen   traces opened but not yet emitted
 * @param tracesEmitted completed traces written to the output topic
 * @param deadLetters  input records refused
 * @param lag          records of the input and internal topics not yet fetched by the pipeline
 */
public record StatusLine(Duration elapsed, long requests, long flowsIn, double flowsPerS, long tracesOpen,
                         long tracesEmitted, long deadLetters, long lag) {

    /**
     * Reads the pipeline's metrics now.
     *
     * @param flowRate the flows-in rate so far, updated with this reading
     */
    public static StatusLine read(Duration elapsed, long requests, PipelineMetrics m, Set<String> topics,
                                  RecentRate flowRate) {
        long opened = (long) m.sum("traces-opened-total");
        long emitted = (long) m.sum("traces-emitted-total");
        // a trace re-opened by late app spans is emitted twice: open can only be estimated, never below 0
        double flows = m.sum("flows-in-total");
        return new StatusLine(elapsed, requests, (long) flows, flowRate.update(System.nanoTime(), flows),
                Math.max(0, opened - emitted), emitted, (long) m.sum("dead-letters-total"), m.lag(topics));
    }

    /** {@code 0:42  requests 840 | flows in 52310 (1240/s) | traces open 85, emitted 610 | lag 12 records}. */
    public String text() {
        long s = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d  requests %d | flows in %d (%.0f/s) | traces open %d, emitted %d"
                        + " | lag %d records%s", s / 60, s % 60, requests, flowsIn, flowsPerS, tracesOpen, tracesEmitted,
                lag, deadLetters == 0 ? "" : " | dead letters " + deadLetters);
    }
}
