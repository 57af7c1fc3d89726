/**
 * Entities behind /sync's non-event streams: read receipts, account data (client-server API,
 * "Receipts", "Client Config") and stored filters ("Filtering"). Each row records the stream
 * position it was written at.
 */
package org.weft.persistence.sync;
