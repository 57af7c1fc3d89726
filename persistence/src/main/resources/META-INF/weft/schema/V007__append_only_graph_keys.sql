-- What a message send writes, keyed so that it lands at the end of each B-tree (ADR 0012).
-- Event IDs are hashes: a key that starts with one puts every new row on a random page, and the
-- embedded database rewrites each touched page, and the path to it, at every group commit.
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

-- The graph: one table for both kinds of edge, keyed by the referencing event's stream position.
CREATE TABLE event_graph_edges (
    -- stream_ordering of the event whose prev_events or auth_events hold the edge
    event_stream     BIGINT       NOT NULL,
    -- 'p': a prev_events edge; 'a': an auth_events edge
    kind             CHAR(1)      NOT NULL,
    target_event_id  VARCHAR(255) NOT NULL,
    PRIMARY KEY (event_stream, kind, target_event_id)
);
INSERT INTO event_graph_edges (event_stream, kind, target_event_id)
    SELECT e.stream_ordering, 'p', x.prev_event_id FROM event_edges x JOIN events e ON e.event_id = x.event_id;
INSERT INTO event_graph_edges (event_stream, kind, target_event_id)
    SELECT e.stream_ordering, 'a', x.auth_event_id FROM event_auth x JOIN events e ON e.event_id = x.event_id;
DROP TABLE event_edges;
DROP TABLE event_auth;

-- Transaction IDs are found for an event by its stream position instead of its ID.
ALTER TABLE event_txn_ids ADD COLUMN event_stream BIGINT;
UPDATE event_txn_ids SET event_stream = (SELECT e.stream_ordering FROM events e WHERE e.event_id = event_txn_ids.event_id);
DROP INDEX event_txn_ids_event;
CREATE INDEX event_txn_ids_stream ON event_txn_ids (event_stream);
