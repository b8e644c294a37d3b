package io.tracefill.tracing.sort;

/** A span found for a link, and the reason the link would be made for. */
record SetMatch(SpanNode span, String reason) {
}
