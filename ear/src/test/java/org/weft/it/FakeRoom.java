package org.weft.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.weft.core.auth.AuthEventSelection;
import org.weft.core.crypto.EventReferences;
import org.weft.core.crypto.EventSigner;
import org.weft.core.crypto.SigningKey;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;

/**
 * A room held by a {@link FakeHomeserver}: its events built and signed as a resident server would
 * (create, the creator's join, power levels, public join rules, shared history), with
 * {@code make_join} and {@code send_join} answered for users of other servers. A linear graph:
 * each new event follows the last one.
 */
final class FakeRoom {

    private final FakeHomeserver server;
    private final RoomVersion version;
    private final String roomId;
    private final String creator;
    private final List<Pdu> events = new ArrayList<>();
    private final Map<StateKey, Pdu> state = new LinkedHashMap<>();
    /** Signs this state event of the answer with another key (a forgery the joining server must catch). */
    private volatile String forgedStateType;

    FakeRoom(FakeHomeserver server, RoomVersion version) {
        this.server = server;
        this.version = version;
        this.roomId = "!" + UUID.randomUUID().toString().replace("-", "").substring(0, 18) + ":" + server.serverName();
        this.creator = "@carol:" + server.serverName();
        add("m.room.create", "", creator, Map.of("creator", creator, "room_version", version.id()));
        add("m.room.member", creator, creator, Map.of("membership", "join"));
        add("m.room.power_levels", "", creator, Map.of("users", Map.of(creator, 100)));
        add("m.room.join_rules", "", creator, Map.of("join_rule", "public"));
        add("m.room.history_visibility", "", creator, Map.of("history_visibility", "shared"));
    }

    String roomId() {
        return roomId;
    }

    String creator() {
        return creator;
    }

    synchronized Pdu last() {
        return events.get(events.size() - 1);
    }

    /** A new event of the room's server on top of the last one. */
    synchronized Pdu add(String type, String stateKey, String sender, Map<String, Object> content) {
        Pdu event = EventSigner.finish(next(type, stateKey, sender, content), version, server.serverName(), server.key());
        record(event);
        return event;
    }

    /** An event another server made (a join through send_join), taken into the room as it is. */
    synchronized Pdu accept(Map<String, Object> json) {
        String id = json.get("event_id") instanceof String given ? given : EventIds.referenceHashEventId(json, version);
        Pdu event = Pdu.of(id, json);
        record(event);
        return event;
    }

    /** Answers make_join and send_join for this room from now on; forges {@code forgedStateType} if set. */
    void serveJoins() {
        server.route("/_matrix/federation/v1/make_join/*", exchange -> {
            String userId = java.net.URLDecoder.decode(exchange.getRequestURI().getRawPath()
                    .substring(exchange.getRequestURI().getRawPath().lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
            Map<String, Object> template = next("m.room.member", userId, userId, Map.of("membership", "join"));
            if (!version.v11RedactionAndEventFormat()) {
                template.put("origin", server.serverName());
            }
            FakeHomeserver.json(exchange, 200, Map.of("event", template, "room_version", version.id()));
        });
        server.route("/_matrix/federation/v2/send_join/*", exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> join = (Map<String, Object>) Json.parse(new String(exchange.getRequestBody().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            List<Object> stateBefore;
            List<Object> chain;
            synchronized (this) {
                stateBefore = state.values().stream().map(this::maybeForged).toList();
                chain = events.stream().filter(Pdu::isState).map(e -> (Object) e.json()).toList();
                accept(join);
            }
            FakeHomeserver.json(exchange, 200, Map.of("origin", server.serverName(), "state", stateBefore,
                    "auth_chain", chain, "members_omitted", false, "servers_in_room", List.of(server.serverName())));
        });
    }

    /** Answers make_leave and send_leave for this room from now on. */
    void serveLeaves() {
        server.route("/_matrix/federation/v1/make_leave/*", exchange -> {
            String userId = java.net.URLDecoder.decode(exchange.getRequestURI().getRawPath()
                    .substring(exchange.getRequestURI().getRawPath().lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
            Map<String, Object> template = next("m.room.member", userId, userId, Map.of("membership", "leave"));
            FakeHomeserver.json(exchange, 200, Map.of("event", template, "room_version", version.id()));
        });
        server.route("/_matrix/federation/v2/send_leave/*", exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> leave = (Map<String, Object>) Json.parse(new String(exchange.getRequestBody().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            accept(leave);
            FakeHomeserver.json(exchange, 200, Map.of());
        });
    }

    /** The room's current state as an invitee is shown it (stripped). */
    synchronized List<Object> strippedState() {
        List<Object> stripped = new ArrayList<>();
        for (Pdu event : state.values()) {
            if (!"m.room.member".equals(event.type())) {
                stripped.add(Map.of("type", event.type(), "state_key", event.stateKey(), "sender", event.sender(),
                        "content", event.content()));
            }
        }
        return stripped;
    }

    /** The same events whole, as invite_room_state is sent since v1.16. */
    synchronized List<Object> wholeState() {
        List<Object> whole = new ArrayList<>();
        for (Pdu event : state.values()) {
            if (!"m.room.member".equals(event.type())) {
                whole.add(event.json());
            }
        }
        return whole;
    }

    RoomVersion version() {
        return version;
    }

    void forgeInAnswers(String stateType) {
        this.forgedStateType = stateType;
    }

    private Object maybeForged(Pdu event) {
        if (!event.type().equals(forgedStateType)) {
            return event.json();
        }
        Map<String, Object> json = new LinkedHashMap<>(event.json());
        // Different content (so another event ID), signed with a key the server never published.
        Map<String, Object> content = new LinkedHashMap<>(event.content());
        content.put("forged", true);
        json.put("content", content);
        json.remove("signatures");
        json.remove("hashes");
        json.remove("event_id");
        return EventSigner.finish(json, version, server.serverName(), SigningKey.generate(server.key().keyId()
                .substring(server.key().keyId().indexOf(':') + 1))).json();
    }

    private Map<String, Object> next(String type, String stateKey, String sender, Map<String, Object> content) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("room_id", roomId);
        event.put("sender", sender);
        event.put("type", type);
        if (stateKey != null) {
            event.put("state_key", stateKey);
        }
        event.put("content", content);
        event.put("prev_events", EventReferences.of(events.isEmpty() ? List.of() : List.of(last().eventId()), version, this::byId));
        List<String> auth = new ArrayList<>();
        if (!"m.room.create".equals(type)) {
            for (StateKey key : AuthEventSelection.required(type, stateKey, sender, content, version)) {
                Pdu found = state.get(key);
                if (found != null) {
                    auth.add(found.eventId());
                }
            }
        }
        event.put("auth_events", EventReferences.of(auth, version, this::byId));
        event.put("depth", events.size() + 1L);
        event.put("origin_server_ts", System.currentTimeMillis());
        if (!version.v11RedactionAndEventFormat()) {
            event.put("origin", server.serverName());
        }
        return event;
    }

    private synchronized Pdu byId(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElse(null);
    }

    private void record(Pdu event) {
        events.add(event);
        if (event.isState()) {
            state.put(new StateKey(event.type(), event.stateKey()), event);
        }
    }
}
