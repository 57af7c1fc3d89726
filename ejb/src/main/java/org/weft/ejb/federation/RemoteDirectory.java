package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.RoomAlias;

/**
 * Aliases of other servers, asked of the alias's server (server-server API, "Query Types":
 * {@code GET /_matrix/federation/v1/query/directory}).
 */
@ApplicationScoped
public class RemoteDirectory {

    /** The room an alias names and servers that can join it. */
    public record Target(String roomId, List<String> servers) {
    }

    @Inject
    FederationHttp http;

    /**
     * @throws MatrixException 404 when the server knows no such alias; 502 when it cannot say
     */
    public Target resolve(RoomAlias alias) {
        Map<String, Object> answer = http.json("GET", alias.server(), "/_matrix/federation/v1/query/directory?room_alias="
                + URLEncoder.encode(alias.toString(), StandardCharsets.UTF_8), null);
        if (!(answer.get("room_id") instanceof String roomId) || !roomId.startsWith("!")) {
            throw FederationHttp.unreachable(alias.server());
        }
        List<String> servers = new ArrayList<>();
        if (answer.get("servers") instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(servers::add);
        }
        if (!servers.contains(alias.server().toString())) {
            servers.add(alias.server().toString());
        }
        return new Target(roomId, servers);
    }
}
