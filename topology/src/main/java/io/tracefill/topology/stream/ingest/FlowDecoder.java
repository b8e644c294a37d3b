package io.tracefill.topology.stream.ingest;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;

import java.util.List;

/** Bytes of one input record → its flows and the parts refused (OTLP records hold many spans). */
@FunctionalInterface
public interface FlowDecoder {

    /** @throws DecodeException when nothing of the record can be read */
    Decoded decode(byte[] value) throws DecodeException;

    /** @param refused one entry per refused part: field (or null) and reason */
    record Decoded(List<Flow> flows, List<Refusal> refused) {
    }

    record Refusal(String field, String reason) {
    }
}
