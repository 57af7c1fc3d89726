-- Rooms and the event graph (issue: rooms and the event graph).
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

CREATE TABLE rooms (
    room_id          VARCHAR(255) NOT NULL PRIMARY KEY,
    room_version     VARCHAR(32)  NOT NULL,
    creator          VARCHAR(255) NOT NULL,
    -- published in the public room directory
    is_public        BOOLEAN      NOT NULL,
    created_ts       BIGINT       NOT NULL,
    -- the state group of the room's current state
    current_state_group BIGINT,
    -- greatest depth in the room, for the next event's depth
    max_depth        BIGINT       NOT NULL,
    -- the room's forward extremities (events nothing references yet: the next event's
    -- prev_events), space-separated; kept on the row every write locks anyway
    forward_extremities VARCHAR(20000) NOT NULL
);

-- Every event, with its JSON exactly as hashed and signed. stream_ordering is the global position
-- that /sync and /messages tokens refer to.
CREATE TABLE events (
    stream_ordering  BIGINT       NOT NULL PRIMARY KEY,
    event_id         VARCHAR(255) NOT NULL,
    room_id          VARCHAR(255) NOT NULL,
    type             VARCHAR(255) NOT NULL,
    state_key        VARCHAR(255),
    sender           VARCHAR(255) NOT NULL,
    depth            BIGINT       NOT NULL,
    origin_server_ts BIGINT       NOT NULL,
    -- the state group holding the room state after this event
    state_group      BIGINT       NOT NULL,
    -- the redaction event that redacted this one, if any
    redacted_by      VARCHAR(255),
    -- at most 65536 bytes of JSON (spec size limit), so a VARCHAR fits on H2 and PostgreSQL
    json             VARCHAR(100000) NOT NULL
);
CREATE UNIQUE INDEX events_event_id ON events (event_id);
CREATE INDEX events_room_stream ON events (room_id, stream_ordering);
CREATE INDEX events_room_ts ON events (room_id, origin_server_ts);

-- The graph: prev_events and auth_events edges.
CREATE TABLE event_edges (
    event_id         VARCHAR(255) NOT NULL,
    prev_event_id    VARCHAR(255) NOT NULL,
    PRIMARY KEY (event_id, prev_event_id)
);
CREATE TABLE event_auth (
    event_id         VARCHAR(255) NOT NULL,
    auth_event_id    VARCHAR(255) NOT NULL,
    PRIMARY KEY (event_id, auth_event_id)
);

-- State groups: immutable sets of (type, state_key) -> event_id. A group is stored either whole
-- (prev_group null) or as a delta over prev_group; chains are cut every so often with a whole
-- group, so "state at event X" costs a bounded number of reads.
CREATE TABLE state_groups (
    id               BIGINT       NOT NULL PRIMARY KEY,
    room_id          VARCHAR(255) NOT NULL,
    prev_group       BIGINT,
    chain_length     INTEGER      NOT NULL
);
CREATE TABLE state_group_entries (
    group_id         BIGINT       NOT NULL,
    type             VARCHAR(255) NOT NULL,
    state_key        VARCHAR(255) NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    PRIMARY KEY (group_id, type, state_key)
);

-- The room's current state, indexed for membership queries.
CREATE TABLE room_current_state (
    room_id          VARCHAR(255) NOT NULL,
    type             VARCHAR(255) NOT NULL,
    state_key        VARCHAR(255) NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    -- for m.room.member: the membership; null otherwise
    membership       VARCHAR(32),
    PRIMARY KEY (room_id, type, state_key)
);
CREATE INDEX room_current_state_member ON room_current_state (state_key, membership);

-- Client transaction IDs: a retried request with the same txnId from the same device to the same
-- endpoint returns the same event. scope names the endpoint: "send <room> <type>" or
-- "redact <room> <event>" (spec: a transaction is scoped to one HTTP endpoint).
CREATE TABLE event_txn_ids (
    user_id          VARCHAR(255) NOT NULL,
    device_id        VARCHAR(255) NOT NULL,
    scope            VARCHAR(1024) NOT NULL,
    txn_id           VARCHAR(255) NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    created_ts       BIGINT       NOT NULL,
    PRIMARY KEY (user_id, device_id, scope, txn_id)
);
CREATE INDEX event_txn_ids_event ON event_txn_ids (event_id);

-- Rooms a user has forgotten (POST /rooms/{roomId}/forget).
CREATE TABLE room_forgotten (
    user_id          VARCHAR(255) NOT NULL,
    room_id          VARCHAR(255) NOT NULL,
    PRIMARY KEY (user_id, room_id)
);

CREATE TABLE room_aliases (
    room_alias       VARCHAR(255) NOT NULL PRIMARY KEY,
    room_id          VARCHAR(255) NOT NULL,
    creator          VARCHAR(255) NOT NULL,
    created_ts       BIGINT       NOT NULL
);
CREATE INDEX room_aliases_room ON room_aliases (room_id);
