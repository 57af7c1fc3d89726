package org.weft.web.key;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.RemoteServerKeys;
import org.weft.web.http.NumberParams;

/**
 * Weft as a notary (server-server API, "Querying Keys Through Another Server"): other servers'
 * keys as they published them, with Weft's signature added. A server Weft cannot name or reach,
 * and knows nothing of, is left out of the answer rather than failing it.
 */
@Path("/_matrix/key/v2/query")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class KeyQueryResource {

    @Inject
    RemoteServerKeys keys;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/key/v2/query/{serverName}?minimum_valid_until_ts=}. */
    @GET
    @Path("/{serverName}")
    public Map<String, Object> query(@PathParam("serverName") String serverName,
                                     @QueryParam("minimum_valid_until_ts") String minimum) {
        Long minimumValidUntil = NumberParams.nonNegative(minimum, "minimum_valid_until_ts");
        return answer(Map.of(serverName, minimumValidUntil == null ? 0L : minimumValidUntil));
    }

    /** {@code GET /_matrix/key/v2/query/{serverName}/{keyId}}: the older form some servers still use; the key ID is ignored. */
    @GET
    @Path("/{serverName}/{keyId}")
    public Map<String, Object> queryByKeyId(@PathParam("serverName") String serverName,
                                            @QueryParam("minimum_valid_until_ts") String minimum) {
        return query(serverName, minimum);
    }

    /**
     * {@code POST /_matrix/key/v2/query} with {@code {"server_keys": {server: {keyId:
     * {"minimum_valid_until_ts": n}}}}}: every server's whole response (the key IDs only say
     * which keys the asker needs, and a response holds them all).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> query(JsonObject body) {
        JsonObject servers = body.requireObject("server_keys");
        if (servers.map().size() > settings.federation().keyQueryMaxServers()) {
            throw MatrixException.tooLarge("A key query may name at most " + settings.federation().keyQueryMaxServers()
                    + " servers");
        }
        Map<String, Long> minimumByServer = new LinkedHashMap<>();
        for (String server : servers.map().keySet()) {
            long minimum = 0;
            JsonObject keyIds = servers.requireObject(server);
            for (String keyId : keyIds.map().keySet()) {
                Long asked = keyIds.requireObject(keyId).optLong("minimum_valid_until_ts");
                minimum = Math.max(minimum, asked == null ? 0 : asked);
            }
            minimumByServer.put(server, minimum);
        }
        return answer(minimumByServer);
    }

    private Map<String, Object> answer(Map<String, Long> minimumByServer) {
        List<Object> responses = new ArrayList<>();
        minimumByServer.forEach((name, minimum) -> {
            ServerName server;
            try {
                server = ServerName.parse(name);
            } catch (IllegalArgumentException notAServerName) {
                return;
            }
            keys.notaryAnswer(server, minimum).ifPresent(responses::add);
        });
        return Map.of("server_keys", responses);
    }
}
