package org.weft.ejb.events;

import java.util.Map;

/**
 * What a local user asks to add to a room, before the server turns it into a PDU: type, state key
 * (null for a message event), content, and for redactions the redacted event.
 */
public record EventDraft(String type, String stateKey, Map<String, Object> content, String redacts) {

    public static EventDraft message(String type, Map<String, Object> content) {
        return new EventDraft(type, null, content, null);
    }

    public static EventDraft state(String type, String stateKey, Map<String, Object> content) {
        return new EventDraft(type, stateKey, content, null);
    }

    public boolean isState() {
        return stateKey != null;
    }
}
