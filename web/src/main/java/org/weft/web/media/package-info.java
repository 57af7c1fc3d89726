/**
 * The media endpoints (client-server API, "Content repository"): uploads under
 * /_matrix/media/v3 and v1/create, authenticated downloads and thumbnails under
 * /_matrix/client/v1/media, and the deprecated unauthenticated /_matrix/media/v3 ones.
 */
package org.weft.web.media;
