-- Issue 15: other servers' signing keys, kept across restarts (server-server API, "Retrieving
-- server keys"). Events are checked against the key that signed them long after the server has
-- replaced it, and Weft answers /_matrix/key/v2/query for the servers it knows, as a notary.
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

-- The last response each server gave about its own keys, as it signed it.
CREATE TABLE server_key_responses (
    server_name      VARCHAR(255)    NOT NULL PRIMARY KEY,
    response_json    VARCHAR(100000) NOT NULL,
    -- the response's valid_until_ts, capped at 7 days after fetching
    valid_until_ts   BIGINT          NOT NULL,
    fetched_ts       BIGINT          NOT NULL
);

-- Every key a server has published: current ones with the latest validity seen, old ones with
-- the time the server stopped using them (old_verify_keys' expired_ts).
CREATE TABLE server_verify_keys (
    server_name      VARCHAR(255) NOT NULL,
    key_id           VARCHAR(255) NOT NULL,
    -- the ed25519 public key, unpadded Base64
    public_key       VARCHAR(64)  NOT NULL,
    valid_until_ts   BIGINT       NOT NULL,
    expired_ts       BIGINT,
    PRIMARY KEY (server_name, key_id)
);
