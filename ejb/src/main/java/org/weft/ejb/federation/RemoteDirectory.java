package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.RoomAlias;
import org.weft.core.id.ServerName;

/**
 * Aliases and public room directories of other servers, asked of that server (server-server API,
 * "Query Types": {@code GET /_matrix/federation/v1/query/directory}; "Public Room Directory").
 */
@ApplicationScoped
public class RemoteDirectory {

    /** The room an alias names and servers that can join it. */
    public record Target(String roomId, List<String> servers) {
    }

    @Inject
    FederationHttp http;

    /**
     * Another server's public room directory ({@code GET}/{@code POST /_matrix/federation/v1/publicRooms}):
     * the client's {@code /publicRooms?server=}.
     *
     * @throws MatrixException 502 when the server cannot be reached or answers otherwise
     */
    public Map<String, Object> publicRooms(ServerName server, Integer limit, String since, String searchTerm,
                                           List<?> roomTypes) {
        if (searchTerm == null && roomTypes == null) {
            StringBuilder query = new StringBuilder();
            if (limit != null) {
                query.append("&limit=").append(limit);
            }
            if (since != null) {
                query.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
            }
            return http.json("GET", server, "/_matrix/federation/v1/publicRooms"
                    + (query.isEmpty() ? "" : "?" + query.substring(1)), null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> filter = new LinkedHashMap<>();
        if (searchTerm != null) {
            filter.put("generic_search_term", searchTerm);
        }
        if (roomTypes != null) {
            filter.put("room_types", roomTypes);
        }
        body.put("filter", filter);
        if (limit != null) {
            body.put("limit", limit);
        }
        if (since != null) {
            body.put("since", since);
        }
        return http.json("POST", server, "/_matrix/federation/v1/publicRooms", body);
    }

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
