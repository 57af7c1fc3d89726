-- Issue 15: rooms shared with other servers (server-server API, "Transactions", "PDUs").
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

-- Events Weft holds but that are not part of a room's timeline: rejected by the auth checks
-- ('r', kept so that they are not fetched again and so that events citing them can be judged),
-- soft-failed ('s', accepted for the graph but not shown or built upon) and outliers ('o', events
-- fetched for an auth chain or a state without their place in the graph). state_group is the state
-- after the event (rejected: the state before it); null for an outlier.
CREATE TABLE events_aside (
    event_id         VARCHAR(255)    NOT NULL PRIMARY KEY,
    room_id          VARCHAR(255)    NOT NULL,
    kind             CHAR(1)         NOT NULL,
    reason           VARCHAR(1000),
    state_group      BIGINT,
    received_ts      BIGINT          NOT NULL,
    json             VARCHAR(100000) NOT NULL
);

-- Transactions received from other servers: a retried PUT /send/{txnId} gets the first answer.
CREATE TABLE federation_inbound_txns (
    origin           VARCHAR(255)    NOT NULL,
    txn_id           VARCHAR(255)    NOT NULL,
    response_json    VARCHAR(100000) NOT NULL,
    received_ts      BIGINT          NOT NULL,
    PRIMARY KEY (origin, txn_id)
);

-- PDUs waiting to be sent to a server, in order; deleted once the server has the transaction.
CREATE TABLE federation_outbound_pdus (
    id               BIGINT          NOT NULL PRIMARY KEY,
    destination      VARCHAR(255)    NOT NULL,
    event_id         VARCHAR(255)    NOT NULL,
    queued_ts        BIGINT          NOT NULL
);
CREATE INDEX federation_outbound_dest ON federation_outbound_pdus (destination, id);

-- Servers that failed to take a transaction: when to try again.
CREATE TABLE federation_destinations (
    destination      VARCHAR(255)    NOT NULL PRIMARY KEY,
    failures         INTEGER         NOT NULL,
    retry_at_ts      BIGINT          NOT NULL
);
