package io.tracefill.serdes.json;

/** DeepFlow's {@code OPT_STATUS} of a failed request, with the HTTP status that goes with it. */
public enum ErrorStatus {
    /** The body does not fit the request model (a {@link DecodeException}). */
    INVALID_POST_DATA(400),
    /** Anything else that went wrong while answering. */
    INTERNAL_SERVER_ERROR(500);

    private final int httpStatus;

    ErrorStatus(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
