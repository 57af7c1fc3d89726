package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.ejb.sync.SyncToken;
import org.weft.persistence.sync.AccountDataEntity;
import org.weft.persistence.sync.ReceiptEntity;

/**
 * What /sync reports of typing, receipts and account data between two positions, in the event
 * shapes of the spec (m.typing, m.receipt, account data events).
 */
@Stateless
public class EphemeralQueries {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** Room IDs bound in one IN list: far below every database's limit on parameters. */
    private static final int ROOMS_PER_QUERY = 500;

    @EJB
    TypingService typing;

    /**
     * A joined room's ephemeral events: m.typing when it changed after the token (on an initial
     * sync only when someone is typing: an empty list tells a new client nothing), m.receipt with
     * the room's receipts from {@link #receipts}.
     *
     * @param since    the token, or null for everything current
     * @param receipts the room's m.receipt content (empty for none)
     */
    public List<Map<String, Object>> roomEvents(String roomId, SyncToken since, Map<String, Object> receipts) {
        List<Map<String, Object>> events = new ArrayList<>();
        if (since == null || typing.changedSince(roomId, since.typing())) {
            List<String> typers = typing.typers(roomId);
            if (since != null || !typers.isEmpty()) {
                events.add(Map.of("type", "m.typing", "content", Map.of("user_ids", typers)));
            }
        }
        if (!receipts.isEmpty()) {
            events.add(Map.of("type", "m.receipt", "content", receipts));
        }
        return events;
    }

    /**
     * The m.receipt content of each of these rooms for receipts written in (since, upTo], read in a
     * few queries for all the rooms of a sync; rooms without receipts are absent. Others' private
     * receipts never.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> receipts(List<String> roomIds, String userId, long since, long upTo) {
        Map<String, Map<String, Object>> byRoom = new HashMap<>();
        for (int from = 0; from < roomIds.size(); from += ROOMS_PER_QUERY) {
            List<String> rooms = roomIds.subList(from, Math.min(roomIds.size(), from + ROOMS_PER_QUERY));
            for (ReceiptEntity r : em.createNamedQuery(ReceiptEntity.SINCE, ReceiptEntity.class)
                    .setParameter("rooms", rooms).setParameter("since", since).setParameter("upTo", upTo)
                    .getResultList()) {
                if (ReceiptService.READ_PRIVATE.equals(r.getReceiptType()) && !r.getUserId().equals(userId)) {
                    continue;
                }
                Map<String, Object> content = byRoom.computeIfAbsent(r.getRoomId(), k -> new LinkedHashMap<>());
                Map<String, Object> byType = (Map<String, Object>) content.computeIfAbsent(r.getEventId(), k -> new LinkedHashMap<>());
                Map<String, Object> byUser = (Map<String, Object>) byType.computeIfAbsent(r.getReceiptType(), k -> new LinkedHashMap<>());
                Map<String, Object> receipt = new LinkedHashMap<>();
                receipt.put("ts", r.getTs());
                if (!r.getThreadId().isEmpty()) {
                    receipt.put("thread_id", r.getThreadId());
                }
                byUser.put(r.getUserId(), receipt);
            }
        }
        return byRoom;
    }

    /** Account data written in (since, upTo], by room ID ('' for global). */
    public Map<String, List<Map<String, Object>>> accountData(String userId, long since, long upTo) {
        Map<String, List<Map<String, Object>>> byRoom = new java.util.HashMap<>();
        for (AccountDataEntity row : em.createNamedQuery(AccountDataEntity.SINCE, AccountDataEntity.class)
                .setParameter("userId", userId).setParameter("since", since).setParameter("upTo", upTo).getResultList()) {
            byRoom.computeIfAbsent(row.getRoomId(), k -> new ArrayList<>())
                    .add(Map.of("type", row.getType(), "content", AccountDataService.parse(row.getContent())));
        }
        return byRoom;
    }

    /**
     * The users in the user's {@code m.ignored_user_list} (client-server API, "Ignoring Users"):
     * the keys of its {@code ignored_users}, never the user themselves; none without it. Read as
     * a value, not an entity: inside a long transaction (a federation transaction's PDUs), a managed
     * entity found earlier would hand back the list as it was then.
     */
    public java.util.Set<String> ignoredUsers(String userId) {
        List<?> rows = em.createNativeQuery("SELECT content FROM account_data WHERE user_id = ? AND room_id = ?"
                        + " AND data_type = ?").setParameter(1, userId).setParameter(2, AccountDataEntity.GLOBAL)
                .setParameter(3, "m.ignored_user_list")
                // No flush first: a read of another table's row must not write the caller's pending events.
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT).getResultList();
        if (rows.isEmpty() || rows.get(0) == null) {
            return java.util.Set.of();
        }
        Object ignored = AccountDataService.parse(String.valueOf(rows.get(0))).get("ignored_users");
        if (!(ignored instanceof Map<?, ?> users)) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        users.keySet().forEach(u -> out.add(String.valueOf(u)));
        out.remove(userId);
        return java.util.Set.copyOf(out);
    }
}
