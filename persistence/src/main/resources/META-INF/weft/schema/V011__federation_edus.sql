-- Issue 16: ephemeral data across servers (server-server API, "EDUs").
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

-- EDUs that must arrive (to-device messages, device list and signing key updates): queued per
-- destination in the transaction that caused them, sent with the PDUs, removed once taken. Typing,
-- presence and receipts are not kept here: they are superseded within seconds (OutboundEdus).
CREATE TABLE federation_outbound_edus (
    id               BIGINT          NOT NULL PRIMARY KEY,
    destination      VARCHAR(255)    NOT NULL,
    edu_type         VARCHAR(255)    NOT NULL,
    content_json     VARCHAR(100000) NOT NULL,
    queued_ts        BIGINT          NOT NULL
);
CREATE INDEX federation_outbound_edus_dest ON federation_outbound_edus (destination, id);

-- To-device messages from other servers already delivered, by sender and message_id, so that a
-- resent m.direct_to_device is delivered once. Rows older than a day are removed.
CREATE TABLE federation_inbound_to_device (
    sender           VARCHAR(255)    NOT NULL,
    message_id       VARCHAR(255)    NOT NULL,
    received_ts      BIGINT          NOT NULL,
    PRIMARY KEY (sender, message_id)
);

-- Device lists of other servers' users who share a room with a user here ("Device Management"):
-- the devices and cross-signing keys as their server last described them, the stream ID of that
-- description (m.device_list_update's stream_id), whether it is known to be out of date, and our
-- stream position of the last change (device_lists.changed and /keys/changes).
CREATE TABLE remote_device_lists (
    user_id          VARCHAR(255)    NOT NULL PRIMARY KEY,
    remote_stream_id BIGINT          NOT NULL,
    devices_json     VARCHAR(1000000) NOT NULL,
    stale            BOOLEAN         NOT NULL,
    stream_pos       BIGINT          NOT NULL
);
CREATE INDEX remote_device_lists_stream ON remote_device_lists (stream_pos);

-- Each local user's device list version: the stream position of its last change (a device's keys
-- uploaded or changed, a device deleted or renamed). It is the stream_id of the user's
-- m.device_list_update EDUs (the one before it is their prev_id) and of GET /user/devices, and it
-- puts a deleted device's user into room mates' device_lists.changed.
CREATE TABLE device_list_versions (
    user_id          VARCHAR(255)    NOT NULL PRIMARY KEY,
    stream_pos       BIGINT          NOT NULL
);
CREATE INDEX device_list_versions_stream ON device_list_versions (stream_pos);

-- OpenID tokens a user asked for (client-server API, "OpenID"), which other servers' integrations
-- exchange for the user's ID at GET /_matrix/federation/v1/openid/userinfo. Stored hashed (SHA-256).
CREATE TABLE openid_tokens (
    token_hash       VARCHAR(64)     NOT NULL PRIMARY KEY,
    user_id          VARCHAR(255)    NOT NULL,
    expires_ts       BIGINT          NOT NULL
);
CREATE INDEX openid_tokens_expiry ON openid_tokens (expires_ts);
