package org.weft.ejb.sync;

import org.weft.ejb.users.Requester;

/**
 * A parsed /sync request.
 *
 * @param since     the client's token, or null for an initial sync
 * @param fullState send the whole state of every room, whatever the token
 */
public record SyncRequest(Requester requester, SyncToken since, SyncFilter filter, boolean fullState) {
}
