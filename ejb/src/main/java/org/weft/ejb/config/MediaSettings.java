package org.weft.ejb.config;

import java.nio.file.Path;

/**
 * The media repository's settings (weft.media.*).
 *
 * @param directory          where the file store keeps bytes (outside target/, default under weft.data_dir)
 * @param maxUploadBytes     larger uploads get 413 M_TOO_LARGE
 * @param maxImagePixels     larger images (width x height, read from the header) are not thumbnailed
 * @param userQuotaCount     most media items a user may have uploaded; 0: no limit
 * @param userQuotaBytes     most bytes a user may have uploaded; 0: no limit
 * @param maxPendingUploads  most media IDs a user may hold from POST /create without uploading
 * @param pendingExpiryMs    how long such an ID waits for its upload
 * @param maxDownloadWaitMs  the longest timeout_ms honoured while waiting for a pending upload
 * @param legacyFrozen       the unauthenticated /_matrix/media/v3 downloads serve only media uploaded
 *                           before the freeze (spec "Client behaviour": freezing)
 * @param maxThumbnailPixels thumbnails larger than this (width x height) are never made on demand
 * @param remoteCacheMaxBytes most bytes of remote media kept; least recently used goes first
 * @param remoteCacheMaxCount most remote media items kept
 */
public record MediaSettings(Path directory, long maxUploadBytes, long maxImagePixels, long userQuotaCount,
                            long userQuotaBytes, int maxPendingUploads, long pendingExpiryMs, long maxDownloadWaitMs,
                            boolean legacyFrozen, long maxThumbnailPixels,
                            long remoteCacheMaxBytes, long remoteCacheMaxCount) {
}
