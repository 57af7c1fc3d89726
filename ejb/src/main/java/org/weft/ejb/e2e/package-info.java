/**
 * The server side of end-to-end encryption for clients (client-server API, "Key management API"):
 * uploading, querying and claiming device keys and one-time/fallback keys, and key changes.
 */
package org.weft.ejb.e2e;
