package io.tracefill.topology.cli;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of {@code l7_flow_log} rows, one JSON object per line, in the querier's column names
 * or as DeepFlow's Kafka exporter writes them (detected per line). Blank lines are skipped.
 * Lines are split as bytes and handed to the decoder as bytes, so a bad byte is reported on
 * the line it is on.
 */
final class FlowFile {
    private FlowFile() {
    }

    static List<Flow> read(Path file) {
        FlowRowDecoder decoder = new FlowRowDecoder();
        List<Flow> flows = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            int lineNumber = 0;
            int b;
            do {
                b = in.read();
                if (b != '\n' && b != -1) {
                    line.write(b);
                    continue;
                }
                lineNumber++;
                byte[] bytes = line.toByteArray();
                line.reset();
                if (isBlank(bytes)) {
                    continue;
                }
                try {
                    flows.add(decoder.decode(bytes));
                } catch (DecodeException e) {
                    throw new CliException(file + ":" + lineNumber + ": " + e.getMessage());
                }
            } while (b != -1);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage());
        }
        return flows;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte c : bytes) {
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
