package org.weft.ejb.config;

/**
 * Push delivery settings (weft.push.*): push gateways and email pushers.
 *
 * @param verifyTls        check push gateways' certificates; off only for laboratories
 * @param retryInitialMs   the first retry's delay after a failed delivery; each next one doubles
 * @param retryMaxMs       the longest delay between retries
 * @param giveUpAfterMs    a notification not delivered this long after its event is dropped
 * @param requestTimeoutMs the longest a request to a push gateway may take
 * @param emailDelayMs     how long a notification waits before an email pusher mails it, if still unread
 */
public record PushSettings(boolean verifyTls, long retryInitialMs, long retryMaxMs, long giveUpAfterMs,
                           long requestTimeoutMs, long emailDelayMs) {
}
