package org.weft.web.auth;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.weft.ejb.users.AuthService;
import org.weft.ejb.users.Requester;
import org.weft.ejb.users.TokenCache;
import org.weft.ejb.users.Tokens;

/**
 * Authenticates {@link Authenticated} endpoints (client-server API, "Using access tokens"): the
 * token comes from {@code Authorization: Bearer} or, deprecated but still required of servers,
 * the {@code access_token} query parameter. No token: 401 M_MISSING_TOKEN; a bad one: 401
 * M_UNKNOWN_TOKEN; one of a locked account: 401 M_USER_LOCKED but for logging out. The token
 * itself is never logged.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AccessTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @EJB
    AuthService auth;

    @Inject
    CurrentRequester current;

    @Inject
    TokenCache cache;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = token(request);
        // Most requests come with a token seen moments ago: no transaction, no query.
        Requester cached = token == null || token.isEmpty() ? null : cache.get(Tokens.hash(token));
        current.set(cached != null ? cached : auth.authenticate(token, isLogout(request)));
    }

    /** A locked account may still log out (spec "Account locking"); everything else is refused. */
    private static boolean isLogout(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.endsWith("/v3/logout") || path.endsWith("/v3/logout/all");
    }

    static String token(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).trim();
        }
        return request.getUriInfo().getQueryParameters().getFirst("access_token");
    }
}
