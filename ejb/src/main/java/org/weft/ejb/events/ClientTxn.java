package org.weft.ejb.events;

/**
 * A client's transaction ID for an event it sends (spec: client-server API, "Transaction
 * identifiers"): scoped to the user's device and to the endpoint and its path ({@code scope}, for
 * instance {@code "send !room:hs m.room.message"}), so that a retry returns the first event.
 */
public record ClientTxn(String userId, String deviceId, String scope, String txnId) {
}
