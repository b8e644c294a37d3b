package io.tracefill.topology.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh temporary directory (the broker's data, the demo's Kafka Streams state) that is deleted,
 * with everything in it, on {@link #delete()}.
 */
public final class DataDirectory {
    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    /** Creates a new empty directory under the system's temporary directory. */
    public static DataDirectory create(String prefix) {
        try {
            return new DataDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new BrokerStartException("cannot create a temporary directory (" + prefix + "*): " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory tree; a tree already gone is fine. */
    public void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            // Children before parents.
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
