-- Issue 17: the email addresses the organisation knows for its users (client-server API, "Adding
-- Account Administrative Contact Information", GET /account/3pid; "Identifier types",
-- m.id.thirdparty). Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

-- One third-party identifier of a user, in canonical form (email: lower case). An address belongs
-- to one user. managed_by: the identity provider or directory that gave it, which replaces it at
-- each sign-in; NULL for one added otherwise.
CREATE TABLE user_threepids (
    medium           VARCHAR(32)     NOT NULL,
    address          VARCHAR(320)    NOT NULL,
    user_id          VARCHAR(255)    NOT NULL,
    managed_by       VARCHAR(255),
    validated_ts     BIGINT          NOT NULL,
    added_ts         BIGINT          NOT NULL,
    PRIMARY KEY (medium, address)
);
CREATE INDEX user_threepids_user ON user_threepids (user_id);
