/**
 * Events from other servers (server-server API, "Transactions", "PDUs", "Checks performed on
 * receipt of a PDU"): a transaction received once ({@link TransactionReceiver}), each PDU through
 * the spec's checks in the core ({@code org.weft.core.pdu}) with what they need gathered first:
 * the origin's keys, missing {@code prev_events} ({@link MissingEvents}, {@code get_missing_events})
 * and missing auth events ({@link MissingAuthEvents}, {@code /event_auth}), and the state before an
 * event after a gap they do not fill ({@link RemoteStateAt}, {@code /state}); then the remote write path
 * ({@code RemoteEventWriter}). One step per class, as tuwunel's event handler and Synapse's
 * federation_event handler are laid out.
 */
package org.weft.ejb.federation.inbound;
