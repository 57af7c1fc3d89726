/**
 * Talking to other homeservers (server-server API): finding them ("Resolving server names"),
 * signed outgoing requests and authenticating incoming ones ("Request Authentication"), and other
 * servers' keys ("Retrieving server keys"). Transactions, joins and backfill build on these.
 */
package org.weft.ejb.federation;
