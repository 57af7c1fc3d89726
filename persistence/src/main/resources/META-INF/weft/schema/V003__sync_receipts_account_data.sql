-- Issue 4 (/sync and friends). Every row carries the global stream position it was written at, so
-- an incremental /sync finds what changed since its token with one range query per table.

-- Read receipts (client-server API, "Receipts"): the latest receipt of each type per user, room
-- and thread ('' = unthreaded).
CREATE TABLE receipts (
    room_id          VARCHAR(255) NOT NULL,
    user_id          VARCHAR(255) NOT NULL,
    receipt_type     VARCHAR(255) NOT NULL,
    thread_id        VARCHAR(255) NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    ts               BIGINT       NOT NULL,
    stream_pos       BIGINT       NOT NULL,
    PRIMARY KEY (room_id, user_id, receipt_type, thread_id)
);
CREATE INDEX receipts_room_stream ON receipts (room_id, stream_pos);

-- Account data ("Client Config"): global (room_id '') and per room; m.tag and m.fully_read live here.
CREATE TABLE account_data (
    user_id          VARCHAR(255) NOT NULL,
    room_id          VARCHAR(255) NOT NULL,
    data_type        VARCHAR(255) NOT NULL,
    content          VARCHAR(100000) NOT NULL,
    stream_pos       BIGINT       NOT NULL,
    PRIMARY KEY (user_id, room_id, data_type)
);
CREATE INDEX account_data_user_stream ON account_data (user_id, stream_pos);

-- Stored sync filters (POST /user/{userId}/filter), kept as the JSON the client gave.
CREATE TABLE sync_filters (
    filter_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id          VARCHAR(255) NOT NULL,
    definition       VARCHAR(100000) NOT NULL
);

-- Profiles ("Profiles"): a user without a row shows their localpart as display name.
CREATE TABLE profiles (
    user_id          VARCHAR(255) NOT NULL PRIMARY KEY,
    displayname      VARCHAR(1024),
    avatar_url       VARCHAR(1024)
);

-- Send-to-device messages waiting for their device's next sync ("Send-to-Device messaging"); a
-- message is deleted once the device syncs with a token past it.
CREATE TABLE device_inbox (
    stream_pos       BIGINT       NOT NULL PRIMARY KEY,
    user_id          VARCHAR(255) NOT NULL,
    device_id        VARCHAR(255) NOT NULL,
    sender           VARCHAR(255) NOT NULL,
    event_type       VARCHAR(255) NOT NULL,
    content          VARCHAR(100000) NOT NULL
);
CREATE INDEX device_inbox_device ON device_inbox (user_id, device_id, stream_pos);

-- End-to-end encryption keys of devices ("Key management API"): each device's signed device keys
-- (stream_pos marks changes for device_lists and /keys/changes), and its one-time and fallback keys.
CREATE TABLE e2e_device_keys (
    user_id          VARCHAR(255) NOT NULL,
    device_id        VARCHAR(255) NOT NULL,
    key_json         VARCHAR(100000) NOT NULL,
    stream_pos       BIGINT       NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
CREATE INDEX e2e_device_keys_stream ON e2e_device_keys (stream_pos);

CREATE TABLE e2e_one_time_keys (
    user_id          VARCHAR(255) NOT NULL,
    device_id        VARCHAR(255) NOT NULL,
    key_id           VARCHAR(255) NOT NULL,
    algorithm        VARCHAR(255) NOT NULL,
    key_json         VARCHAR(100000) NOT NULL,
    fallback         BOOLEAN      NOT NULL,
    used             BOOLEAN      NOT NULL,
    PRIMARY KEY (user_id, device_id, key_id, fallback)
);

-- Cross-signing keys ("Cross-signing"): a user's master, self-signing and user-signing keys.
CREATE TABLE e2e_cross_signing_keys (
    user_id          VARCHAR(255) NOT NULL,
    key_type         VARCHAR(32)  NOT NULL,
    key_json         VARCHAR(100000) NOT NULL,
    stream_pos       BIGINT       NOT NULL,
    PRIMARY KEY (user_id, key_type)
);
CREATE INDEX e2e_cross_signing_keys_stream ON e2e_cross_signing_keys (stream_pos);

-- Server-side key backup ("Server-side key backups"): versions and the encrypted session keys in them.
CREATE TABLE e2e_backup_versions (
    user_id          VARCHAR(255) NOT NULL,
    version          BIGINT       NOT NULL,
    algorithm        VARCHAR(255) NOT NULL,
    auth_data        VARCHAR(100000) NOT NULL,
    etag             BIGINT       NOT NULL,
    deleted          BOOLEAN      NOT NULL,
    PRIMARY KEY (user_id, version)
);

CREATE TABLE e2e_backup_keys (
    user_id          VARCHAR(255) NOT NULL,
    version          BIGINT       NOT NULL,
    room_id          VARCHAR(255) NOT NULL,
    session_id       VARCHAR(255) NOT NULL,
    key_json         VARCHAR(100000) NOT NULL,
    PRIMARY KEY (user_id, version, room_id, session_id)
);
