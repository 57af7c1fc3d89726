package org.weft.core.federation;

import java.util.List;
import java.util.Map;
import org.weft.core.id.ServerName;
import org.weft.core.push.Glob;

/**
 * Server access control lists (client-server API, "Server Access Control Lists"; event
 * {@code m.room.server_acl}): whether a server may take part in a room, decided on its name
 * without the port, "in the following order:
 * <ol>
 *   <li>If there is no m.room.server_acl event in the room state, allow.</li>
 *   <li>If the server name is an IP address (v4 or v6) literal, and allow_ip_literals is present
 *       and false, deny.</li>
 *   <li>If the server name matches an entry in the deny list, deny.</li>
 *   <li>If the server name matches an entry in the allow list, allow.</li>
 *   <li>Otherwise, deny."</li>
 * </ol>
 * Entries are glob patterns (appendices, "Glob-style matching"), matched ignoring case as DNS
 * names are. The same matching serves Weft's own list of servers it federates with.
 */
public final class ServerAcl {

    private ServerAcl() {
    }

    /**
     * @param content the {@code m.room.server_acl} event's content, or null when the room has none
     */
    public static boolean allows(Map<String, Object> content, ServerName server) {
        if (content == null) {
            return true;
        }
        // "Defaults to true if missing or otherwise not a boolean."
        if (server.isIpLiteral() && Boolean.FALSE.equals(content.get("allow_ip_literals"))) {
            return false;
        }
        if (matchesAny(strings(content.get("deny")), server)) {
            return false;
        }
        return matchesAny(strings(content.get("allow")), server);
    }

    /** Whether the server's name, without its port, matches one of the glob patterns. */
    public static boolean matchesAny(List<String> globs, ServerName server) {
        String host = server.host();
        for (String glob : globs) {
            if (Glob.whole(glob).matcher(host).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A list's string entries; anything else in it, or a list that is not one, counts as nothing. */
    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
