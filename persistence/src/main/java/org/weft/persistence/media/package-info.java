/**
 * JPA entities of the media repository (client-server API, "Content repository"): local media and
 * their thumbnails, and the cache of remote media. The bytes live in the media store, not here.
 */
package org.weft.persistence.media;
