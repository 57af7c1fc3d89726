package org.weft.core.federation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.crypto.SigningKey;

/**
 * One {@code Authorization: X-Matrix ...} header (server-server API, "Request Authentication").
 * The signature covers the JSON object {@code {method, uri, origin, destination, content?}}
 * signed as any JSON is ("Signing JSON"); {@code uri} is the request target from {@code /_matrix}
 * on, query string included.
 *
 * @param origin      the sending server's name
 * @param destination the receiving server's name; null when an older sender left it out
 * @param keyId       the sender's key ID, e.g. {@code ed25519:abc}
 * @param signature   unpadded Base64 signature
 */
public record XMatrixAuthorization(String origin, String destination, String keyId, String signature) {

    private static final String SCHEME = "X-Matrix";

    /**
     * Parses the header value. Parameter names are case-insensitive and in any order; values are
     * RFC 9110 tokens or quoted strings with backslash escapes, and, for older senders, may hold
     * colons unquoted. Unknown parameters are ignored.
     *
     * @throws IllegalArgumentException when the scheme is not X-Matrix, the syntax is broken, or
     *         origin, key or sig is missing
     */
    public static XMatrixAuthorization parse(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || header.charAt(SCHEME.length()) != ' ') {
            throw new IllegalArgumentException("Not an X-Matrix authorization");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Cursor at = new Cursor(header, SCHEME.length());
        at.skipWhitespace();
        while (!at.done()) {
            String name = at.token().toLowerCase(Locale.ROOT);
            at.skipWhitespace();
            at.expect('=');
            at.skipWhitespace();
            String value = at.peek() == '"' ? at.quoted() : at.tokenWithColons();
            params.putIfAbsent(name, value);
            at.skipWhitespace();
            if (!at.done()) {
                at.expect(',');
                at.skipWhitespace();
            }
        }
        String origin = params.get("origin");
        String key = params.get("key");
        String sig = params.get("sig");
        if (origin == null || origin.isEmpty() || key == null || key.isEmpty() || sig == null || sig.isEmpty()) {
            throw new IllegalArgumentException("X-Matrix authorization needs origin, key and sig");
        }
        return new XMatrixAuthorization(origin, params.get("destination"), key, sig);
    }

    /**
     * Signs a request as {@code origin} for {@code destination}.
     *
     * @param content the parsed JSON body, or null for a request without one
     */
    public static XMatrixAuthorization sign(String method, String uri, String origin, String destination,
                                            Object content, SigningKey key) {
        Map<String, Object> signed = JsonSigning.sign(requestJson(method, uri, origin, destination, content), origin, key);
        @SuppressWarnings("unchecked")
        Map<String, Object> signatures = (Map<String, Object>) ((Map<String, Object>) signed.get("signatures")).get(origin);
        return new XMatrixAuthorization(origin, destination, key.keyId(), (String) signatures.get(key.keyId()));
    }

    /**
     * Whether the signature is {@code publicKey}'s over this request. The destination signed is the
     * one in the header; the caller checks that it names the receiving server.
     */
    public boolean verify(String method, String uri, Object content, byte[] publicKey) {
        Map<String, Object> request = requestJson(method, uri, origin, destination, content);
        request.put("signatures", Map.of(origin, Map.of(keyId, signature)));
        return JsonSigning.verify(request, origin, keyId, publicKey);
    }

    /** The header value as the spec advises senders to write it: lower-case names, no extra spaces. */
    public String header() {
        return SCHEME + " origin=\"" + origin + "\",destination=\"" + destination + "\",key=\"" + keyId + "\",sig=\""
                + signature + "\"";
    }

    /** Step 1 of "Request Authentication": the object whose signature the header carries. */
    public static Map<String, Object> requestJson(String method, String uri, String origin, String destination,
                                                  Object content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", method);
        json.put("uri", uri);
        json.put("origin", origin);
        if (destination != null) {
            json.put("destination", destination);
        }
        if (content != null) {
            json.put("content", content);
        }
        return json;
    }

    /** A reading position in the header (RFC 9110 sections 5.6.2, 5.6.4 and 11.4). */
    private static final class Cursor {
        private final String text;
        private int index;

        Cursor(String text, int index) {
            this.text = text;
            this.index = index;
        }

        boolean done() {
            return index >= text.length();
        }

        char peek() {
            if (done()) {
                throw new IllegalArgumentException("X-Matrix authorization ends early");
            }
            return text.charAt(index);
        }

        void skipWhitespace() {
            while (!done() && (text.charAt(index) == ' ' || text.charAt(index) == '\t')) {
                index++;
            }
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("X-Matrix authorization: expected '" + c + "' at " + index);
            }
            index++;
        }

        String token() {
            return run(false);
        }

        /** A token that may also hold colons, which older servers send unquoted. */
        String tokenWithColons() {
            return run(true);
        }

        private String run(boolean colons) {
            int start = index;
            while (!done() && (isTokenChar(text.charAt(index)) || (colons && text.charAt(index) == ':'))) {
                index++;
            }
            if (start == index) {
                throw new IllegalArgumentException("X-Matrix authorization: expected a token at " + index);
            }
            return text.substring(start, index);
        }

        String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = peek();
                index++;
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    c = peek();
                    index++;
                }
                value.append(c);
            }
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
