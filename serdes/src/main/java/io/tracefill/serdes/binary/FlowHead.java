package io.tracefill.serdes.binary;

/**
 * The first fields of an encoded flow, read without decoding the rest: what an index needs to
 * file, filter and order flows it only passes on ({@link FlowBinaryCodec#head}).
 *
 * @param startTimeUs  the flow's start
 * @param endTimeUs    the flow's end
 * @param id           the flow's {@code _id}
 * @param signalSource the flow's signal source
 */
public record FlowHead(long startTimeUs, long endTimeUs, String id, int signalSource) {
}
