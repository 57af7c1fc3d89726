-- Issue 5 (media repository). Bytes live in the media store (files under weft.media.dir); these
-- tables hold what is known about them.

-- Local media (client-server API, "Content repository"). A row exists from POST /media/v1/create
-- on; until its bytes arrive it is pending (uploaded_ts NULL) and expires at pending_until.
CREATE TABLE local_media (
    media_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    uploader         VARCHAR(255) NOT NULL,
    content_type     VARCHAR(255),
    upload_name      VARCHAR(1024),
    size_bytes       BIGINT,
    sha256           VARCHAR(64),
    created_ts       BIGINT       NOT NULL,
    uploaded_ts      BIGINT,
    pending_until    BIGINT,
    last_access_ts   BIGINT,
    quarantined      BOOLEAN      NOT NULL DEFAULT FALSE,
    -- uploaded while the unauthenticated endpoints were frozen: served only by the authenticated ones
    after_freeze     BOOLEAN      NOT NULL DEFAULT FALSE,
    width            INT,
    height           INT
);
CREATE INDEX local_media_uploader ON local_media (uploader, created_ts);

-- Thumbnails of local media, pre-generated at upload or made on demand.
CREATE TABLE local_media_thumbnails (
    media_id         VARCHAR(64)  NOT NULL,
    width            INT          NOT NULL,
    height           INT          NOT NULL,
    method           VARCHAR(8)   NOT NULL,
    content_type     VARCHAR(255) NOT NULL,
    size_bytes       BIGINT       NOT NULL,
    PRIMARY KEY (media_id, width, height, method, content_type)
);

-- Remote media cached from other servers (filled once federation fetches media; bounded by
-- weft.media.remote_cache_max_bytes and _max_count, least recently used first out).
CREATE TABLE remote_media_cache (
    server_name      VARCHAR(255) NOT NULL,
    media_id         VARCHAR(255) NOT NULL,
    content_type     VARCHAR(255),
    upload_name      VARCHAR(1024),
    size_bytes       BIGINT       NOT NULL,
    sha256           VARCHAR(64)  NOT NULL,
    cached_ts        BIGINT       NOT NULL,
    last_access_ts   BIGINT       NOT NULL,
    quarantined      BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (server_name, media_id)
);
CREATE INDEX remote_media_cache_access ON remote_media_cache (last_access_ts);
