package io.tracefill.serdes.kafka;

/** What a deserializer does with a null value (a tombstone, or a record without a value). */
public enum Tombstones {
    /**
     * Null stays null: Kafka's convention, needed wherever nulls mean something, as in the
     * stream's own changelogs and stores (a null value deletes the key).
     */
    PASS_AS_NULL,
    /**
     * Null is an error ({@link RecordDecodeException}), so it goes to the dead-letter topic: for
     * input topics, whose producers (DeepFlow's exporter, the Collector) never write one, and where
     * a null would otherwise reach the topology as a value it cannot use.
     */
    REJECT
}
