package org.weft.ejb.config;

/**
 * URL previews (weft.media.url_preview.*; client-server API, GET /media/v1/preview_url).
 *
 * @param enabled       off by default: a preview makes the server fetch any URL a user names
 * @param allowedRanges comma-separated CIDR ranges fetched even though private or loopback
 * @param deniedRanges  comma-separated CIDR ranges never fetched, on top of the private and
 *                      loopback ones
 * @param maxBytes      the most of a page or image read for a preview
 * @param cacheMs       how long a preview is reused for the same URL
 * @param timeoutMs     the longest a preview fetch may take
 */
public record UrlPreviewSettings(boolean enabled, String allowedRanges, String deniedRanges, long maxBytes,
                                 long cacheMs, long timeoutMs) {
}
