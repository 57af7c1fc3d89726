-- Accounts, devices, access/refresh tokens and registration tokens (issue: foundation).
-- Portable SQL (H2 and PostgreSQL); statements are separated by ';' at the end of a line.

CREATE TABLE accounts (
    user_id        VARCHAR(255) NOT NULL PRIMARY KEY,
    localpart      VARCHAR(255) NOT NULL,
    password_hash  VARCHAR(255),
    is_admin       BOOLEAN      NOT NULL,
    is_guest       BOOLEAN      NOT NULL,
    deactivated    BOOLEAN      NOT NULL,
    created_ts     BIGINT       NOT NULL
);
CREATE UNIQUE INDEX accounts_localpart ON accounts (localpart);

CREATE TABLE devices (
    user_id        VARCHAR(255) NOT NULL,
    device_id      VARCHAR(255) NOT NULL,
    display_name   VARCHAR(1024),
    created_ts     BIGINT       NOT NULL,
    last_seen_ts   BIGINT,
    last_seen_ip   VARCHAR(64),
    PRIMARY KEY (user_id, device_id)
);

-- Tokens are stored as SHA-256 hex of the opaque 256-bit random token: never the token itself.
CREATE TABLE refresh_tokens (
    token_hash     VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id        VARCHAR(255) NOT NULL,
    device_id      VARCHAR(255) NOT NULL,
    -- the refresh token this one replaced; revoked once this one or its access token is used
    previous_hash  VARCHAR(64),
    created_ts     BIGINT       NOT NULL
);
CREATE INDEX refresh_tokens_device ON refresh_tokens (user_id, device_id);

CREATE TABLE access_tokens (
    token_hash     VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id        VARCHAR(255) NOT NULL,
    device_id      VARCHAR(255) NOT NULL,
    created_ts     BIGINT       NOT NULL,
    -- null: never expires (the client did not ask for refresh tokens, or expiry is off)
    expires_ts     BIGINT,
    -- the refresh token issued together with this access token, if any
    refresh_hash   VARCHAR(64)
);
CREATE INDEX access_tokens_device ON access_tokens (user_id, device_id);
CREATE INDEX access_tokens_refresh ON access_tokens (refresh_hash);

CREATE TABLE registration_tokens (
    token          VARCHAR(64)  NOT NULL PRIMARY KEY,
    uses_allowed   INTEGER,
    pending        INTEGER      NOT NULL,
    completed      INTEGER      NOT NULL,
    expiry_ts      BIGINT
);
