package org.weft.web.e2e;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.e2e.CrossSigningService;
import org.weft.ejb.e2e.DeviceListChanges;
import org.weft.ejb.e2e.E2eKeysService;
import org.weft.ejb.federation.e2e.CrossServerKeys;
import org.weft.ejb.sync.SyncToken;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Device keys and one-time keys ("Key management API"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class KeysResource {

    @EJB
    E2eKeysService keys;

    @EJB
    DeviceListChanges deviceLists;

    @EJB
    CrossSigningService crossSigning;

    @Inject
    CrossServerKeys crossServer;

    @Inject
    CurrentRequester requester;

    /** {@code POST /_matrix/client/v3/keys/upload}. */
    @POST
    @Path("/v3/keys/upload")
    public Map<String, Object> upload(JsonObject body) {
        return keys.upload(requester.get(), map(body.optObject("device_keys")), map(body.optObject("one_time_keys")),
                map(body.optObject("fallback_keys")));
    }

    /** {@code POST /_matrix/client/v3/keys/query}: other servers' users asked of their servers, within {@code timeout}. */
    @POST
    @Path("/v3/keys/query")
    public Map<String, Object> query(JsonObject body) {
        return crossServer.query(requester.get().userId(), body.requireObject("device_keys").map(), timeout(body));
    }

    /** {@code POST /_matrix/client/v3/keys/claim}: other servers' users asked of their servers, within {@code timeout}. */
    @POST
    @Path("/v3/keys/claim")
    public Map<String, Object> claim(JsonObject body) {
        return crossServer.claim(body.requireObject("one_time_keys").map(), timeout(body));
    }

    /** The request's timeout for other servers: 10 s when not given, at most a minute. */
    private static long timeout(JsonObject body) {
        Long timeout = body.optLong("timeout");
        if (timeout != null && timeout < 0) {
            throw MatrixException.invalidParam("timeout must not be negative");
        }
        return timeout == null ? CrossServerKeys.DEFAULT_TIMEOUT_MS : Math.min(timeout, 60_000L);
    }

    /** {@code POST /_matrix/client/v3/keys/device_signing/upload} (UIA when replacing keys). */
    @POST
    @Path("/v3/keys/device_signing/upload")
    public Map<String, Object> uploadCrossSigning(JsonObject body) {
        Map<String, Map<String, Object>> byType = new java.util.LinkedHashMap<>();
        for (String type : java.util.List.of("master", "self_signing", "user_signing")) {
            JsonObject key = body.optObject(type + "_key");
            if (key != null) {
                byType.put(type, key.map());
            }
        }
        crossSigning.upload(requester.get(), body.optObject("auth"), byType);
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/keys/signatures/upload}. */
    @POST
    @Path("/v3/keys/signatures/upload")
    public Map<String, Object> uploadSignatures(JsonObject body) {
        return crossSigning.signatures(requester.get(), body.map());
    }

    /** {@code GET /_matrix/client/v3/keys/changes?from=&to=} with sync tokens. */
    @GET
    @Path("/v3/keys/changes")
    public Map<String, Object> changes(@QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw MatrixException.missingParam(from == null ? "from" : "to");
        }
        DeviceListChanges.Delta delta = deviceLists.between(requester.get().userId(), SyncToken.parse(from).stream(),
                SyncToken.parse(to).stream());
        return Map.of("changed", delta.changed(), "left", delta.left());
    }

    private static Map<String, Object> map(JsonObject object) {
        return object == null ? null : object.map();
    }
}
