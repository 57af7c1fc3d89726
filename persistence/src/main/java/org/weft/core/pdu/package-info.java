/**
 * The checks performed on receipt of a PDU (server-server API, "Checks performed on receipt of a
 * PDU"), one class per step as the spec numbers them: {@link org.weft.core.pdu.PduFormat} (1, a
 * valid event of its room version, else dropped), {@link org.weft.core.pdu.PduSignatures} (2,
 * signatures of the origin, else dropped), {@link org.weft.core.pdu.PduHashes} (3, the content hash,
 * else redacted), {@link org.weft.core.pdu.AuthEventsCheck} (4, else rejected),
 * {@link org.weft.core.pdu.StateBeforeCheck} (5, else rejected) and
 * {@link org.weft.core.pdu.CurrentStateCheck} (6, else soft-failed), run in order by
 * {@link org.weft.core.pdu.PduReceipt}.
 *
 * <p>Pure Java: keys, auth events and states come through interfaces the caller fills (from the
 * database, the key cache, or requests to other servers made before the checks run).
 */
package org.weft.core.pdu;
