package org.weft.ejb.federation.outbound;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.tx.TransactionEnd;

/**
 * The other servers with a joined member in a room: where the room's new events go. Kept in memory
 * per room, so a message in a room of this server alone costs a map lookup; forgotten when a
 * membership changes, and again when that transaction ends, so a reader that filled it in between
 * from the old rows does not keep a stale answer.
 */
@ApplicationScoped
public class RoomServers {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Map<String, Set<String>> byRoom = new ConcurrentHashMap<>();

    /** The servers other than this one with a member joined to the room now (in this transaction's view). */
    public Set<String> of(String roomId) {
        Set<String> cached = byRoom.get(roomId);
        if (cached != null) {
            return cached;
        }
        String us = settings.serverName().toString();
        Set<String> servers = new TreeSet<>();
        for (Object member : em.createNativeQuery("SELECT state_key FROM room_current_state WHERE room_id = ?"
                + " AND type = 'm.room.member' AND membership = 'join'").setParameter(1, roomId).getResultList()) {
            String server = serverOf((String) member);
            if (server != null && !server.equals(us)) {
                servers.add(server);
            }
        }
        Set<String> answer = Set.copyOf(servers);
        byRoom.put(roomId, answer);
        return answer;
    }

    /** Whether one of this server's users is joined to the room (then this server is in it and can write to it). */
    public boolean includesUs(String roomId) {
        Number joined = (Number) em.createNativeQuery("SELECT COUNT(*) FROM room_current_state WHERE room_id = ?"
                        + " AND type = 'm.room.member' AND membership = 'join' AND state_key LIKE ?")
                .setParameter(1, roomId).setParameter(2, "%:" + settings.serverName()).getSingleResult();
        return joined.longValue() > 0;
    }

    /** A membership of the room changed in the current transaction. */
    public void changed(String roomId) {
        TransactionEnd.nowAndAtEnd(transactions, () -> byRoom.remove(roomId));
    }

    /** The server part of a user ID, or null when it is not one. */
    static String serverOf(String userId) {
        try {
            return UserId.parse(userId).server().toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
