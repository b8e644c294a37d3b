package io.tracefill.serdes.model;

/**
 * Direction-free resource tags the sort stage assigns to a span from its process or network
 * span set (DeepFlow writes them as {@code subnet}, {@code ip}, {@code auto_service}, …). Each
 * value is null when the span never received it, as in the reference output.
 */
public record SpanServiceTags(
        String subnet,
        String ip,
        String autoService,
        Long autoServiceId,
        Integer autoServiceType,
        String processKname,
        String gprocess) {

    public static final SpanServiceTags NONE = new SpanServiceTags(null, null, null, null, null, null, null);
}
