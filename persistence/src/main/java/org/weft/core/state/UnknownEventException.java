package org.weft.core.state;

/**
 * State resolution needed an event the {@link EventLookup} does not have: the caller must fetch
 * the auth chains of the state sets first. Names the event so that the caller can fetch it.
 */
public class UnknownEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String eventId;

    public UnknownEventException(String eventId) {
        super("event " + eventId + " is needed for state resolution but is not known", null, false, false);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
