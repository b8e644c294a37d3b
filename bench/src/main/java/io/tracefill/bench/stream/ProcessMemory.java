package io.tracefill.bench.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status} (Linux): the current {@code VmRSS}
 * and the peak {@code VmHWM}. Writing 5 to {@code clear_refs} resets the peak, so a phase can be
 * measured on its own in a JVM that did other work before.
 */
final class ProcessMemory {
    private final Path status;
    private final Path clearRefs;

    ProcessMemory(long pid) {
        this.status = Path.of("/proc", String.valueOf(pid), "status");
        this.clearRefs = Path.of("/proc", String.valueOf(pid), "clear_refs");
    }

    static ProcessMemory self() {
        return new ProcessMemory(ProcessHandle.current().pid());
    }

    /** Resets the peak to the current resident size; false where the kernel does not allow it. */
    boolean resetPeak() {
        try {
            Files.writeString(clearRefs, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    long residentBytes() {
        return kilobytes("VmRSS:") * 1024;
    }

    long peakResidentBytes() {
        return kilobytes("VmHWM:") * 1024;
    }

    private long kilobytes(String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
