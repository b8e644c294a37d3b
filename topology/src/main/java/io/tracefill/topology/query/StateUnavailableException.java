package io.tracefill.topology.query;

/**
 * State that an answer needs cannot be read right now: the stream is rebalancing or restoring,
 * the instance owning a key is unknown or did not answer, or the request ran out of time. The
 * same request may succeed a moment later, so the API answers 503 and says to retry; it never
 * answers with part of the state instead.
 */
public final class StateUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateUnavailableException(String message) {
        super(message);
    }

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
