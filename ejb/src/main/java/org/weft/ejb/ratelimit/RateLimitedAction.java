package org.weft.ejb.ratelimit;

/**
 * The actions Weft rate-limits, each with the name of its settings
 * ({@code weft.ratelimit.<name>.per_second|burst}) and the defaults used when they are unset.
 */
public enum RateLimitedAction {
    /** Login attempts from one client address. */
    LOGIN_ADDRESS("login_address", 0.17, 5),
    /** Login attempts on one account, from anywhere. */
    LOGIN_ACCOUNT("login_account", 0.17, 5),
    /** Registration requests from one client address. */
    REGISTRATION("registration", 0.17, 5),
    /** Message-like actions (sending events) by one user. */
    MESSAGE("message", 10, 50),
    /**
     * Login tokens a signed-in user makes for another device ({@code POST /login/get_token}): the
     * spec suggests at most one a minute.
     */
    GET_LOGIN_TOKEN("get_login_token", 0.0167, 1);

    private final String settingName;
    private final double defaultPerSecond;
    private final int defaultBurst;

    RateLimitedAction(String settingName, double defaultPerSecond, int defaultBurst) {
        this.settingName = settingName;
        this.defaultPerSecond = defaultPerSecond;
        this.defaultBurst = defaultBurst;
    }

    public String settingName() {
        return settingName;
    }

    public double defaultPerSecond() {
        return defaultPerSecond;
    }

    public int defaultBurst() {
        return defaultBurst;
    }
}
