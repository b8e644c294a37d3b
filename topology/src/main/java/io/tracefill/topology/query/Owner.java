package io.tracefill.topology.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where one key of a store lives: the partition, and the instance whose active task holds it.
 *
 * @param local true when that instance is this one
 */
public record Owner(int partition, HostInfo host, boolean local) {
}
