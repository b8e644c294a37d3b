package io.tracefill.deploy;

import org.junit.jupiter.api.Test;

class CollectorConfigsTest {
    private final Deployment d = new Deployment();

    @Test
    void ingestPipelinesUseOnlyDefinedComponents() {
        CollectorChecks.pipelinesReferenceOnlyDefinedComponents("ingest.yaml", d.ingest);
    }

    @Test
    void egressPipelinesUseOnlyDefinedComponents() {
        CollectorChecks.pipelinesReferenceOnlyDefinedComponents("egress.yaml", d.egress);
    }

    @Test
    void ingestWritesOtlpProtoToTracefillsOtlpTopicKeyedByTraceId() {
        CollectorChecks.ingestWritesTheOtlpTopic(d.ingest, d.docs);
    }

    @Test
    void egressReadsTracefillsOutputTopicAsOtlpProto() {
        CollectorChecks.egressReadsTheOutputTopic(d.egress, d.docs);
    }

    @Test
    void egressSendsOverOtlpGrpcToJaegerAndTempo() {
        CollectorChecks.egressSendsToJaegerAndTempo(d.egress);
    }
}
