package org.weft.ejb.ephemeral;

import java.util.Map;

/**
 * A local user's presence changed (a CDI event; federation tells the servers sharing a room).
 *
 * @param content the m.presence content as clients see it
 */
public record PresenceChanged(String userId, Map<String, Object> content) {
}
