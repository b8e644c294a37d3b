package io.tracefill.topology.cli;

/** A problem with the user's input or settings: reported as one line, exit status 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
