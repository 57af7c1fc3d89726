/**
 * The media repository (client-server API, "Content repository"; server-server API, "Content
 * repository"): uploads streamed into a {@link org.weft.ejb.media.MediaStore} with their size and
 * SHA-256 taken on the way, metadata in JPA, thumbnails by crop and scale, the spec's security
 * limits (upload size, image pixels read from the header before decoding, per-user quotas, pending
 * async uploads) and quarantine.
 */
package org.weft.ejb.media;
