package io.tracefill.serdes.model;

/**
 * One entry of {@code services}: a service's share of the trace's self time.
 *
 * @param durationRatio percentage with two decimals ({@code "67.50"}), or null when the total is 0
 *                      (DeepFlow writes the integer 0 then)
 */
public record ServiceDuration(String serviceUid, String serviceUname, long duration, String durationRatio) {
}
