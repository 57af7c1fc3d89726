-- Issue 17, SAML: the IdP's answer reaches the assertion consumer service by a cross-site POST,
-- without the browser's cookie. The ACS records who the IdP vouched for together with the hash of
-- a fresh secret that only the browser which posted the answer is given (in its redirect to
-- /_weft/sso/saml/continue); going on needs that secret and the cookie of the browser that
-- started the attempt, so an answer about someone else's browser cannot complete an attempt
-- started by an attacker. NULL for OpenID Connect and Kerberos, whose callbacks carry the cookie.
-- Portable SQL (H2 and PostgreSQL); statements end with ';' at the end of a line.
ALTER TABLE sso_attempts ADD COLUMN handoff_hash VARCHAR(64);
