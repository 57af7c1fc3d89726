-- Issue 17: corporate sign-in (client-server API, "SSO client login", "Token-based login").
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.

-- Short-lived, single-use login tokens for m.login.token, kept hashed like every other token.
CREATE TABLE login_tokens (
    token_hash       VARCHAR(64)     NOT NULL PRIMARY KEY,
    user_id          VARCHAR(255)    NOT NULL,
    expires_ts       BIGINT          NOT NULL
);

-- Single sign-on attempts in progress: started by /login/sso/redirect, resumed by the identity
-- provider's callback (found by the hash of the state parameter, and only from the browser that
-- holds the cookie whose hash is browser_hash), then confirmed by the user. An attempt for
-- user-interactive auth (the m.login.sso fallback page) names its UIA session instead of a client. In the database rather
-- than in a node's memory, so that any node of a cluster can take the callback.
CREATE TABLE sso_attempts (
    state_hash       VARCHAR(64)     NOT NULL PRIMARY KEY,
    browser_hash     VARCHAR(64)     NOT NULL,
    idp_id           VARCHAR(255)    NOT NULL,
    redirect_url     VARCHAR(4096)   NOT NULL,
    nonce            VARCHAR(255)    NOT NULL,
    code_verifier    VARCHAR(255)    NOT NULL,
    user_id          VARCHAR(255),
    uia_session      VARCHAR(255),
    created_ts       BIGINT          NOT NULL
);

-- Which Matrix user an identity of an identity provider or directory is ("oidc-corp", subject) ->
-- @alice:example.org. The user ID is chosen once, at the first sign-in; renaming in the directory
-- keeps it.
CREATE TABLE external_identities (
    idp_id           VARCHAR(255)    NOT NULL,
    subject          VARCHAR(512)    NOT NULL,
    user_id          VARCHAR(255)    NOT NULL,
    PRIMARY KEY (idp_id, subject)
);
CREATE INDEX external_identities_user ON external_identities (user_id);

-- A locked account (spec "Account locking"): every request of its sessions is refused with
-- M_USER_LOCKED until it is unlocked, and it cannot sign in. Who locked it: 'admin' (the admin
-- API) or 'directory' (deprovisioning, which lifts only its own locks). NULL: not locked.
ALTER TABLE accounts ADD COLUMN locked_by VARCHAR(32);
