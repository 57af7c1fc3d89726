package org.weft.ejb.config;

/** One action's token bucket: refills {@code perSecond} tokens a second up to {@code burst}. */
public record RateLimitSettings(double perSecond, int burst) {
}
