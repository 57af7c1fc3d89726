package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.RoomAlias;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StoredEvent;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Room state for clients (client-server API, "Getting events for a room": GET /state, GET/PUT
 * /state/{eventType}/{stateKey}). Members read the current state; former members the state as it
 * was when they left.
 */
@Stateless
public class RoomStateService {

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    @EJB
    StateStore states;

    @EJB
    RoomAccess access;

    @EJB
    AliasService aliases;

    /** PUT /rooms/{roomId}/state/{eventType}/{stateKey}: returns the new event's ID. */
    public String put(String roomId, String sender, String type, String stateKey, Map<String, Object> content) {
        access.room(roomId);
        if ("m.room.canonical_alias".equals(type)) {
            checkCanonicalAlias(roomId, content);
        }
        return events.append(roomId, sender, EventDraft.state(type, stateKey, content)).pdu().eventId();
    }

    /** GET /rooms/{roomId}/state: every state event, in client format. */
    public List<Map<String, Object>> all(String roomId, String userId) {
        RoomEntity room = access.room(roomId);
        return access.clientState(visibleState(room, userId), access.version(room), null);
    }

    /** GET /rooms/{roomId}/state/{eventType}/{stateKey}: the content, redacted if the event was. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> one(String roomId, String userId, String type, String stateKey) {
        return (Map<String, Object>) oneAsEvent(roomId, userId, type, stateKey).get("content");
    }

    /** The same state event in client format ({@code ?format=event}). */
    public Map<String, Object> oneAsEvent(String roomId, String userId, String type, String stateKey) {
        RoomEntity room = access.room(roomId);
        String eventId = visibleState(room, userId).get(type, stateKey);
        if (eventId == null) {
            throw MatrixException.notFound("No " + type + " state with key '" + stateKey + "' in this room");
        }
        return access.clientEvent(eventId, access.version(room));
    }

    /** The state the user may see: current when joined (or world-readable), else at their leave. */
    public RoomState visibleState(RoomEntity room, String userId) {
        String membership = access.requireReadable(room, userId);
        if ("join".equals(membership) || membership == null) {
            return access.currentState(room);
        }
        String memberEventId = access.currentState(room).get("m.room.member", userId);
        StoredEvent memberEvent = reader.stored(memberEventId);
        if ("invite".equals(membership) || "knock".equals(membership)) {
            throw MatrixException.forbidden("You are not joined to this room");
        }
        return states.load(memberEvent.stateGroup());
    }

    /** Spec: the aliases of a canonical alias event must be valid and point to this room. */
    private void checkCanonicalAlias(String roomId, Map<String, Object> content) {
        List<Object> all = new ArrayList<>();
        if (content.get("alias") != null) {
            all.add(content.get("alias"));
        }
        if (content.get("alt_aliases") instanceof List<?> alt) {
            all.addAll(alt);
        } else if (content.containsKey("alt_aliases")) {
            throw MatrixException.invalidParam("alt_aliases must be a list");
        }
        for (Object alias : all) {
            if (!(alias instanceof String text)) {
                throw MatrixException.invalidParam("Aliases must be strings");
            }
            try {
                RoomAlias.parse(text);
            } catch (IllegalArgumentException e) {
                throw MatrixException.invalidParam("Invalid alias " + text);
            }
            if (!aliases.pointsTo(text, roomId)) {
                throw new MatrixException(ErrCode.M_BAD_ALIAS, "The alias " + text + " does not point to this room");
            }
        }
    }
}
