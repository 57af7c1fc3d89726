package org.weft.ejb.config;

/**
 * Settings for talking to other homeservers (weft.federation.*).
 *
 * @param verifyTls        check remote servers' certificates (spec: "must present a valid certificate");
 *                         off only for laboratories and tests with self-signed servers
 * @param keyValidityMs    how far ahead our published keys' valid_until_ts lies
 * @param requestTimeoutMs the longest an outgoing federation request may take
 * @param keyQueryMaxServers the most servers one notary key query may name
 * @param enabled          whether Weft federates at all (server-server requests, and requests to other
 *                         servers); off, it is a server of its own
 * @param allowedServers   comma-separated glob patterns of the only servers Weft federates with;
 *                         empty: every server not denied
 * @param deniedServers    comma-separated glob patterns of servers Weft never federates with
 * @param deniedRanges     comma-separated CIDR ranges Weft's requests to other servers may not reach;
 *                         empty by default, as intranet peers have private addresses
 * @param trustedKeyServers comma-separated server names asked for a server's keys when the server
 *                         itself cannot be reached (notaries); empty by default
 * @param missingEventsLimit the most events asked for at once to fill a gap before an incoming event
 *                         ({@code get_missing_events}), and the most given to a server asking
 * @param retryInitialMs   the wait before sending again to a server that failed a transaction; doubled
 *                         at each further failure
 * @param retryMaxMs       the longest wait between attempts to send to a failing server
 * @param maxEduBytes      the largest EDU taken from another server (its JSON); a larger one is dropped
 *                         and the rest of its transaction received
 */
public record FederationSettings(boolean verifyTls, long keyValidityMs, long requestTimeoutMs,
                                 int keyQueryMaxServers, boolean enabled, String allowedServers,
                                 String deniedServers, String deniedRanges, String trustedKeyServers,
                                 int missingEventsLimit, long retryInitialMs, long retryMaxMs,
                                 int maxEduBytes) {
}
