-- Issue 6 (push): what a user changed of their push rules. Server-default rules are not stored;
-- only a user's own rules and their changes to the defaults' enabled flag and actions are.

-- A user's own rules (client-server API, PUT /pushrules/global/{kind}/{ruleId}); position orders
-- the rules of one kind, lowest first (most important).
CREATE TABLE push_rules (
    user_id          VARCHAR(255)    NOT NULL,
    kind             VARCHAR(16)     NOT NULL,
    rule_id          VARCHAR(255)    NOT NULL,
    position         INT             NOT NULL,
    rule_json        VARCHAR(100000) NOT NULL,
    PRIMARY KEY (user_id, kind, rule_id)
);

-- A user's changes to a server-default rule: enabled, actions (NULL: the default's).
CREATE TABLE push_rule_defaults (
    user_id          VARCHAR(255)    NOT NULL,
    rule_id          VARCHAR(255)    NOT NULL,
    enabled          BOOLEAN,
    actions_json     VARCHAR(100000),
    PRIMARY KEY (user_id, rule_id)
);

-- What push rule evaluation decided about events, stored so that a message to a thousand members
-- writes one row, not a thousand: push_events holds the outcome most local members got (only when
-- that outcome notifies), push_exceptions the members whose outcome differs (a mention that
-- highlights, a muted room, an invitee). The default applies to the room's local members who had
-- joined before the event, the sender excepted. Unread counts are what follows the user's read
-- receipt; GET /notifications lists the same. thread_id is NULL on the main timeline.
CREATE TABLE push_events (
    room_id          VARCHAR(255)  NOT NULL,
    stream_pos       BIGINT        NOT NULL,
    event_id         VARCHAR(255)  NOT NULL,
    sender           VARCHAR(255)  NOT NULL,
    thread_id        VARCHAR(255),
    highlight        BOOLEAN       NOT NULL,
    actions_json     VARCHAR(4000) NOT NULL,
    ts               BIGINT        NOT NULL,
    PRIMARY KEY (room_id, stream_pos)
);

CREATE TABLE push_exceptions (
    user_id          VARCHAR(255)  NOT NULL,
    room_id          VARCHAR(255)  NOT NULL,
    stream_pos       BIGINT        NOT NULL,
    event_id         VARCHAR(255)  NOT NULL,
    thread_id        VARCHAR(255),
    notify           BOOLEAN       NOT NULL,
    highlight        BOOLEAN       NOT NULL,
    actions_json     VARCHAR(4000) NOT NULL,
    ts               BIGINT        NOT NULL,
    PRIMARY KEY (user_id, room_id, stream_pos)
);

-- Pushers (client-server API, POST /pushers/set): where a user's notifications go.
CREATE TABLE pushers (
    user_id             VARCHAR(255)    NOT NULL,
    app_id              VARCHAR(64)     NOT NULL,
    pushkey             VARCHAR(512)    NOT NULL,
    kind                VARCHAR(16)     NOT NULL,
    app_display_name    VARCHAR(255)    NOT NULL,
    device_display_name VARCHAR(255)    NOT NULL,
    profile_tag         VARCHAR(255),
    lang                VARCHAR(64)     NOT NULL,
    data_json           VARCHAR(100000) NOT NULL,
    created_ts          BIGINT          NOT NULL,
    PRIMARY KEY (app_id, pushkey, user_id)
);
CREATE INDEX pushers_user ON pushers (user_id);

-- Notifications waiting for delivery to a pusher, written in the event's transaction, so a restart
-- loses none; retried with exponential backoff until delivered, rejected or given up.
CREATE TABLE push_deliveries (
    id                  VARCHAR(36)     NOT NULL PRIMARY KEY,
    user_id             VARCHAR(255)    NOT NULL,
    app_id              VARCHAR(64)     NOT NULL,
    pushkey             VARCHAR(512)    NOT NULL,
    room_id             VARCHAR(255)    NOT NULL,
    event_id            VARCHAR(255)    NOT NULL,
    stream_pos          BIGINT          NOT NULL,
    actions_json        VARCHAR(4000)   NOT NULL,
    attempts            INT             NOT NULL,
    next_attempt_ts     BIGINT          NOT NULL,
    created_ts          BIGINT          NOT NULL
);
CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_ts);

-- Where each local member's current run of joins began (a profile change is a join too, and does
-- not restart it): the common outcome of an event applies to the members joined before it.
CREATE TABLE push_member_since (
    room_id             VARCHAR(255)    NOT NULL,
    user_id             VARCHAR(255)    NOT NULL,
    since_pos           BIGINT          NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
-- Rooms that existed before this migration: their members count from their latest membership event.
INSERT INTO push_member_since (room_id, user_id, since_pos)
    SELECT c.room_id, c.state_key, e.stream_ordering FROM room_current_state c
    JOIN events e ON e.event_id = c.event_id
    WHERE c.type = 'm.room.member' AND c.membership = 'join';
