package io.tracefill.topology.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trace page's static files ({@code trace.html}, {@code trace.js}, {@code trace.css}), read once
 * from this package's resources with the content type each is served with.
 *
 * <p>Only the names listed here are served: a request can never reach another resource of the
 * class path. Everything the page needs ships in these files; it loads nothing from elsewhere.
 */
public final class TracePage {
    /** The page itself, for {@code /trace/} and {@code /trace/{trace_id}}. */
    public static final String HTML = "trace.html";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            HTML, "text/html; charset=utf-8",
            "trace.js", "text/javascript; charset=utf-8",
            "trace.css", "text/css; charset=utf-8");

    /** A file of the page and the {@code Content-Type} it is served with. */
    public record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    /** Reads every file now, so a jar built without them fails at start, not on the first visit. */
    public TracePage() {
        for (Map.Entry<String, String> e : CONTENT_TYPES.entrySet()) {
            assets.put(e.getKey(), new Asset(e.getValue(), read(e.getKey())));
        }
    }

    /** The file of that name, or empty when the page has no such file. */
    public Optional<Asset> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = TracePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the class path: "
                        + TracePage.class.getPackageName().replace('.', '/') + "/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
