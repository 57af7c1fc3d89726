package org.weft.ejb.config;

/**
 * Settings for talking to other homeservers (weft.federation.*).
 *
 * @param verifyTls        check remote servers' certificates (spec: "must present a valid certificate");
 *                         off only for laboratories and tests with self-signed servers
 * @param keyValidityMs    how far ahead our published keys' valid_until_ts lies
 * @param requestTimeoutMs the longest an outgoing federation request may take
 * @param keyQueryMaxServers the most servers one notary key query may name
 */
public record FederationSettings(boolean verifyTls, long keyValidityMs, long requestTimeoutMs,
                                 int keyQueryMaxServers) {
}
