package org.weft.core.json;

/**
 * The input is not JSON as RFC 8259 defines it (or breaks one of the limits {@link Json#parse}
 * adds: duplicate keys, nesting depth, unpaired surrogates). The message names the problem and
 * the offset so a log line is enough to find it.
 *
 * <p>It is deliberately not a {@link org.weft.core.error.MatrixException}: whether bad JSON is
 * M_NOT_JSON (a request body, client-server API "Standard error response") or something else (a
 * federation PDU to drop) is the caller's decision; {@link JsonObject#parseBody} makes it for
 * request bodies.
 */
public class JsonSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public JsonSyntaxException(String message, int offset) {
        // No stack trace: this is thrown for every malformed request, which is a client error,
        // so capturing a trace would only cost time.
        super(message + " at offset " + offset, null, false, false);
        this.offset = offset;
    }

    public JsonSyntaxException(String message) {
        super(message, null, false, false);
        this.offset = -1;
    }

    /** Character offset (in the decoded text) where the problem was found, or -1 if unknown. */
    public int offset() {
        return offset;
    }
}
