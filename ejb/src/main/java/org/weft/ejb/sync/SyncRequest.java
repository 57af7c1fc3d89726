package org.weft.ejb.sync;

import org.weft.ejb.users.Requester;

/**
 * A parsed /sync request.
 *
 * @param since     the client's token, or null for an initial sync
 * @param fullState send the whole state of every room, whatever the token
 * @param ignoredUsers the users in the requester's {@code m.ignored_user_list}, read when the sync
 *                  is computed (empty as the client's request arrives)
 */
public record SyncRequest(Requester requester, SyncToken since, SyncFilter filter, boolean fullState,
                          java.util.Set<String> ignoredUsers) {

    public SyncRequest(Requester requester, SyncToken since, SyncFilter filter, boolean fullState) {
        this(requester, since, filter, fullState, java.util.Set.of());
    }

    public SyncRequest withIgnoredUsers(java.util.Set<String> users) {
        return new SyncRequest(requester, since, filter, fullState, users);
    }

    /**
     * Whether the event is kept from the client because its sender is ignored (spec "Ignoring
     * Users": no events of theirs but state events).
     */
    public boolean ignores(org.weft.core.event.Pdu pdu) {
        return !ignoredUsers.isEmpty() && !pdu.isState() && ignoredUsers.contains(pdu.sender());
    }
}
