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

-- What push rule evaluation decided for each local member and event that notifies them (the
-- event's own transaction writes these). Unread counts are the rows after the user's read
-- receipt; GET /notifications lists them. thread_id is NULL on the main timeline.
CREATE TABLE event_push_actions (
    user_id          VARCHAR(255)  NOT NULL,
    room_id          VARCHAR(255)  NOT NULL,
    stream_pos       BIGINT        NOT NULL,
    event_id         VARCHAR(255)  NOT NULL,
    thread_id        VARCHAR(255),
    highlight        BOOLEAN       NOT NULL,
    actions_json     VARCHAR(4000) NOT NULL,
    ts               BIGINT        NOT NULL,
    PRIMARY KEY (user_id, room_id, stream_pos)
);
