/**
 * Rate limiting of logins, registrations and message-like actions (client-server API, "Rate
 * limiting"): token buckets per client address or user, configured by {@code weft.ratelimit.*}.
 */
package org.weft.ejb.ratelimit;
