package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
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

    @EJB
    TypingService typing;

    /**
     * A joined room's ephemeral events: m.typing when it changed after the token (always on an
     * initial sync), m.receipt with the receipts written after it. Others' private receipts never.
     *
     * @param since the token, or null for everything current
     */
    public List<Map<String, Object>> roomEvents(String roomId, String userId, SyncToken since, long upTo) {
        List<Map<String, Object>> events = new ArrayList<>();
        if (since == null || typing.changedSince(roomId, since.typing())) {
            events.add(Map.of("type", "m.typing", "content", Map.of("user_ids", typing.typers(roomId))));
        }
        Map<String, Object> receipts = receipts(roomId, userId, since == null ? 0 : since.stream(), upTo);
        if (!receipts.isEmpty()) {
            events.add(Map.of("type", "m.receipt", "content", receipts));
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> receipts(String roomId, String userId, long since, long upTo) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (ReceiptEntity r : em.createNamedQuery(ReceiptEntity.SINCE, ReceiptEntity.class)
                .setParameter("rooms", List.of(roomId)).setParameter("since", since).setParameter("upTo", upTo)
                .getResultList()) {
            if (ReceiptService.READ_PRIVATE.equals(r.getReceiptType()) && !r.getUserId().equals(userId)) {
                continue;
            }
            Map<String, Object> byType = (Map<String, Object>) content.computeIfAbsent(r.getEventId(), k -> new LinkedHashMap<>());
            Map<String, Object> byUser = (Map<String, Object>) byType.computeIfAbsent(r.getReceiptType(), k -> new LinkedHashMap<>());
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("ts", r.getTs());
            if (!r.getThreadId().isEmpty()) {
                receipt.put("thread_id", r.getThreadId());
            }
            byUser.put(r.getUserId(), receipt);
        }
        return content;
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
}
