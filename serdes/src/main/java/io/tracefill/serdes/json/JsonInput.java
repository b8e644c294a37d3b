package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * The common front of the decoders: bounds and strict encoding checks before parsing, one
 * configured {@link JsonFactory}, and the translation of every parser failure into a
 * {@link DecodeException}, so that nothing else can leave a decoder.
 */
final class JsonInput {
    /** What a decoder does with a parser positioned before the document's first token. */
    @FunctionalInterface
    interface Body<T> {
        T read(JsonParser p) throws IOException, DecodeException;
    }

    private final JsonFactory factory;
    private final DecodeLimits limits;

    JsonInput(DecodeLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(64)
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .build())
                .build();
    }

    <T> T parse(byte[] utf8, int offset, int length, Body<T> body) throws DecodeException {
        if (utf8 == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (offset < 0 || length < 0 || offset > utf8.length - length) {
            throw new DecodeException(null, "offset " + offset + " and length " + length
                    + " lie outside the " + utf8.length + "-byte input");
        }
        if (length > limits.maxDocumentBytes()) {
            throw new DecodeException(null, "input is " + length + " bytes; at most " + limits.maxDocumentBytes()
                    + " are accepted");
        }
        int bad = Utf8.firstInvalid(utf8, offset, length);
        if (bad >= 0) {
            throw new DecodeException(null, utf8[bad] == 0
                    ? "NUL byte at offset " + (bad - offset) + " (JSON text cannot contain one)"
                    : "invalid UTF-8 at byte offset " + (bad - offset) + " (0x" + Integer.toHexString(utf8[bad] & 0xff) + ")");
        }
        JsonParser p = null;
        try {
            p = factory.createParser(utf8, offset, length);
            return body.read(p);
        } catch (DecodeException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, null);
        } finally {
            closeQuietly(p);
        }
    }

    <T> T parse(String json, Body<T> body) throws DecodeException {
        if (json == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (json.length() > limits.maxDocumentBytes()) {
            throw new DecodeException(null, "input is " + json.length() + " characters; at most "
                    + limits.maxDocumentBytes() + " are accepted");
        }
        int bad = Utf8.firstUnpairedSurrogate(json);
        if (bad >= 0) {
            throw new DecodeException(null, "unpaired UTF-16 surrogate at index " + bad + " (not valid Unicode text)");
        }
        JsonParser p = null;
        try {
            p = factory.createParser(json);
            return body.read(p);
        } catch (DecodeException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, null);
        } finally {
            closeQuietly(p);
        }
    }

    /**
     * Anything the parser or our own code threw, as a DecodeException.
     *
     * @param field the field whose value was being read, or null when the failure lies between
     *              entries (naming the previous field there would mislead)
     */
    static DecodeException translate(Exception e, String field) {
        if (e instanceof StreamConstraintsException c) {
            return new DecodeException(field, "too large: " + c.getOriginalMessage(), e);
        }
        if (e instanceof JsonProcessingException j) {
            var loc = j.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            return new DecodeException(field, "malformed JSON: " + clean(j.getOriginalMessage()) + where, e);
        }
        if (e instanceof IOException) {
            return new DecodeException(field, "unreadable input: " + e.getMessage(), e);
        }
        // a bug of ours, not of the input; still a DecodeException, so a stream never stops on it
        return new DecodeException(field, "internal decoder error (please report): " + e, e);
    }

    /**
     * The next key of the current object, or null at its end. Jackson reads a scalar value together
     * with its key, so a malformed number fails here: when the parser got as far as a new key, the
     * failure belongs to that key's value; otherwise it lies between entries and names no field.
     *
     * @param previous the key read before, or null
     * @param path     what goes before a key in an error's field name ({@code "app_spans[2]."}), or ""
     */
    static String nextName(JsonParser p, String previous, String path) throws DecodeException {
        try {
            return p.nextFieldName();
        } catch (IOException e) {
            String reached;
            try {
                reached = p.currentName();
            } catch (IOException | RuntimeException ignored) {
                reached = null;
            }
            throw translate(e, reached != null && !reached.equals(previous) ? path + reached : null);
        }
    }

    /** Jackson's messages describe the source; the location is given separately. */
    private static String clean(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replaceAll("\\[Source: [^\\]]*]", "").replaceAll("\\s+", " ").strip();
        return JsonValues.abbreviate(m.length() > 200 ? m.substring(0, 200) : m);
    }

    private static void closeQuietly(JsonParser p) {
        if (p != null) {
            try {
                p.close();
            } catch (Exception ignored) {
                // closing a parser over an in-memory array cannot fail in a way that matters
            }
        }
    }
}
