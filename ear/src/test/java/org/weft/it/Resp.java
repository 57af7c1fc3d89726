package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.weft.core.json.Json;

/** An HTTP response as a test sees it: status, headers and the JSON body (an object). */
public record Resp(int status, HttpHeaders headers, String text) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        return (Map<String, Object>) Json.parse(text);
    }

    /** The body as a JSON array (GET /rooms/{roomId}/state). */
    @SuppressWarnings("unchecked")
    public List<Object> array() {
        return (List<Object>) Json.parse(text);
    }

    public String str(String key) {
        return (String) json().get(key);
    }

    public Object get(String key) {
        return json().get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        return (List<Object>) json().get(key);
    }

    /** The bodies of the m.room.message events in the event list under {@code key} (a /messages "chunk"). */
    @SuppressWarnings("unchecked")
    public List<String> messageBodies(String key) {
        List<String> bodies = new java.util.ArrayList<>();
        for (Object e : list(key)) {
            Map<String, Object> event = (Map<String, Object>) e;
            if ("m.room.message".equals(event.get("type"))) {
                bodies.add((String) ((Map<String, Object>) event.get("content")).get("body"));
            }
        }
        return bodies;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** Asserts the status and returns this, for chaining. */
    public Resp expect(int expectedStatus) {
        assertEquals(expectedStatus, status, () -> "unexpected status; body: " + text);
        return this;
    }

    /** Asserts a standard Matrix error: status, errcode, and a human-readable error string. */
    public Resp expectError(int expectedStatus, String errcode) {
        expect(expectedStatus);
        assertEquals(errcode, str("errcode"), () -> "unexpected errcode; body: " + text);
        assertEquals(String.class, get("error").getClass(), "error must be a string");
        return this;
    }
}
