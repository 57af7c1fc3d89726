package org.weft.web.e2e;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.e2e.KeyBackupService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Server-side key backups ("Server-side key backups"): versions, and keys at three levels (all, room, session). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class KeyBackupResource {

    @EJB
    KeyBackupService backups;

    @Inject
    CurrentRequester requester;

    private String self() {
        return requester.get().userId();
    }

    /** {@code POST /_matrix/client/v3/room_keys/version}. */
    @POST
    @Path("/v3/room_keys/version")
    public Map<String, Object> create(JsonObject body) {
        return Map.of("version", backups.create(self(), body.requireString("algorithm"), body.requireObject("auth_data").map()));
    }

    /** {@code GET /_matrix/client/v3/room_keys/version}: the current version. */
    @GET
    @Path("/v3/room_keys/version")
    public Map<String, Object> current() {
        return backups.info(self(), null);
    }

    /** {@code GET /_matrix/client/v3/room_keys/version/{version}}. */
    @GET
    @Path("/v3/room_keys/version/{version}")
    public Map<String, Object> version(@PathParam("version") String version) {
        return backups.info(self(), version);
    }

    /** {@code PUT /_matrix/client/v3/room_keys/version/{version}}. */
    @PUT
    @Path("/v3/room_keys/version/{version}")
    public Map<String, Object> update(@PathParam("version") String version, JsonObject body) {
        backups.update(self(), version, body.requireString("algorithm"), body.requireObject("auth_data").map(),
                body.get("version"));
        return Map.of();
    }

    /** {@code DELETE /_matrix/client/v3/room_keys/version/{version}}. */
    @DELETE
    @Path("/v3/room_keys/version/{version}")
    public Map<String, Object> delete(@PathParam("version") String version) {
        backups.delete(self(), version);
        return Map.of();
    }

    /** {@code PUT /_matrix/client/v3/room_keys/keys?version=}. */
    @PUT
    @Path("/v3/room_keys/keys")
    public Map<String, Object> putAll(@QueryParam("version") String version, JsonObject body) {
        Map<String, Map<String, Object>> byRoom = new LinkedHashMap<>();
        body.requireObject("rooms").map().forEach((roomId, room) -> byRoom.put(roomId, sessions(room)));
        return backups.put(self(), required(version), byRoom);
    }

    /** {@code PUT /_matrix/client/v3/room_keys/keys/{roomId}?version=}. */
    @PUT
    @Path("/v3/room_keys/keys/{roomId}")
    public Map<String, Object> putRoom(@QueryParam("version") String version, @PathParam("roomId") String roomId,
                                       JsonObject body) {
        return backups.put(self(), required(version), Map.of(roomId, sessions(body.map())));
    }

    /** {@code PUT /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}?version=}. */
    @PUT
    @Path("/v3/room_keys/keys/{roomId}/{sessionId}")
    public Map<String, Object> putSession(@QueryParam("version") String version, @PathParam("roomId") String roomId,
                                          @PathParam("sessionId") String sessionId, JsonObject body) {
        return backups.put(self(), required(version), Map.of(roomId, Map.of(sessionId, body.map())));
    }

    /** {@code GET /_matrix/client/v3/room_keys/keys?version=}. */
    @GET
    @Path("/v3/room_keys/keys")
    public Map<String, Object> getAll(@QueryParam("version") String version) {
        return backups.get(self(), required(version), null, null);
    }

    /** {@code GET /_matrix/client/v3/room_keys/keys/{roomId}?version=}. */
    @GET
    @Path("/v3/room_keys/keys/{roomId}")
    public Map<String, Object> getRoom(@QueryParam("version") String version, @PathParam("roomId") String roomId) {
        Object room = ((Map<?, ?>) backups.get(self(), required(version), roomId, null).get("rooms")).get(roomId);
        return room == null ? Map.of("sessions", Map.of()) : asMap(room);
    }

    /** {@code GET /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}?version=}. */
    @GET
    @Path("/v3/room_keys/keys/{roomId}/{sessionId}")
    public Map<String, Object> getSession(@QueryParam("version") String version, @PathParam("roomId") String roomId,
                                          @PathParam("sessionId") String sessionId) {
        Object room = ((Map<?, ?>) backups.get(self(), required(version), roomId, sessionId).get("rooms")).get(roomId);
        if (room == null) {
            throw MatrixException.notFound("No backed-up key for that session");
        }
        return asMap(((Map<?, ?>) ((Map<?, ?>) room).get("sessions")).get(sessionId));
    }

    /** {@code DELETE /_matrix/client/v3/room_keys/keys?version=}. */
    @DELETE
    @Path("/v3/room_keys/keys")
    public Map<String, Object> deleteAll(@QueryParam("version") String version) {
        return backups.remove(self(), required(version), null, null);
    }

    /** {@code DELETE /_matrix/client/v3/room_keys/keys/{roomId}?version=}. */
    @DELETE
    @Path("/v3/room_keys/keys/{roomId}")
    public Map<String, Object> deleteRoom(@QueryParam("version") String version, @PathParam("roomId") String roomId) {
        return backups.remove(self(), required(version), roomId, null);
    }

    /** {@code DELETE /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}?version=}. */
    @DELETE
    @Path("/v3/room_keys/keys/{roomId}/{sessionId}")
    public Map<String, Object> deleteSession(@QueryParam("version") String version, @PathParam("roomId") String roomId,
                                             @PathParam("sessionId") String sessionId) {
        return backups.remove(self(), required(version), roomId, sessionId);
    }

    private static String required(String version) {
        if (version == null || version.isBlank()) {
            throw MatrixException.missingParam("version");
        }
        return version;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sessions(Object room) {
        if (!(room instanceof Map<?, ?> map) || !(map.get("sessions") instanceof Map<?, ?> sessions)) {
            throw MatrixException.badJson("Each room needs a sessions object");
        }
        return (Map<String, Object>) sessions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
