package io.tracefill.workload;

/**
 * How a call ended, as the server answered.
 *
 * @param code    HTTP status, gRPC status, or null (MySQL and Redis successes, which carry none)
 * @param message the error text, "" on success
 */
record Response(boolean ok, Integer code, String message) {

    static Response success(Proto p) {
        return new Response(true, switch (p) {
            case HTTP -> 200;
            case GRPC, DNS -> 0;
            case MYSQL, REDIS -> null;
        }, "");
    }

    /** DeepFlow's {@code response_status}: 0 Success, 3 Server Error. */
    int status() {
        return ok ? 0 : 3;
    }
}
