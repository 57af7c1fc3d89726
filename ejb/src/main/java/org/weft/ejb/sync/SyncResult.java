package org.weft.ejb.sync;

import java.util.Map;
import java.util.Set;

/**
 * One computed sync response.
 *
 * @param body        the response JSON
 * @param empty       nothing new for the client: a long-poll keeps waiting
 * @param roomIds     the rooms whose events should wake this user's next wait (joined and invited)
 * @param joinedRooms the rooms the user is joined to as of {@code token}
 * @param token       the response's next_batch
 * @param computedAt  when the database computed the parts an answer from memory copies (one-time
 *                    key counts, fallback key types), in epoch milliseconds
 * @param ignoredUsers the user's ignored users when it was computed: a change of them is account
 *                    data, which an answer from memory never copies, so they hold for those answers
 */
public record SyncResult(Map<String, Object> body, boolean empty, Set<String> roomIds, Set<String> joinedRooms,
                         SyncToken token, long computedAt, Set<String> ignoredUsers) {
}
