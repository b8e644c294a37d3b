package io.tracefill.topology.http;

/**
 * One answer of the API in DeepFlow's JSON envelope, with the HTTP status it goes out with
 * (200 for {@code SUCCESS}; an error envelope carries its own status, e.g. 400 for
 * {@code INVALID_POST_DATA}).
 */
public record ApiResponse(int status, byte[] json) {
    public ApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        json = json.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }
}
