package io.tracefill.topology.broker;

/**
 * The embedded broker could not start or did not become usable. The message is one line meant for a
 * person at a terminal (for example: {@code port 9092 on 127.0.0.1 is in use ...}); the cause, if
 * any, carries Kafka's own error.
 */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
