-- Issue 15: invites from other servers. The room is not held here; what the inviting server sent
-- about it (invite_room_state, stripped state) is shown to the invitee until they join or refuse.
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.
CREATE TABLE invite_room_state (
    -- the invite event
    event_id         VARCHAR(255)    NOT NULL PRIMARY KEY,
    stripped_json    VARCHAR(100000) NOT NULL
);
