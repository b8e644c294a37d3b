package io.tracefill.serdes.json;

/** The two answers tracefill gives in DeepFlow's envelope, named by their {@code TYPE}. */
public enum ResponseType {
    /** {@code POST /v1/stats/querier/L7FlowTracing}: every field, with {@code services}. */
    L7_FLOW_TRACING("Flow_Log_L7_Tracing"),
    /**
     * {@code POST /v1/stats/querier/tracing-completion-by-external-app-spans}: no {@code services},
     * and the fields DeepFlow removes from each span removed too.
     */
    TRACING_COMPLETION("tracing-completion-by-external-app-spans");

    private final String typeName;

    ResponseType(String typeName) {
        this.typeName = typeName;
    }

    /** The envelope's {@code TYPE}. */
    public String typeName() {
        return typeName;
    }
}
