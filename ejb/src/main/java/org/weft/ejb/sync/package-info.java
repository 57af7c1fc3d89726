/**
 * /sync (client-server API, "Syncing"): sync tokens, filters ("Filtering"), the per-room sections
 * of a sync response, and the notifier that wakes long-polling requests the moment something they
 * would see commits.
 */
package org.weft.ejb.sync;
