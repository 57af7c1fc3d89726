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

/**
 * Authenticates {@link Authenticated} endpoints (client-server API, "Using access tokens"): the
 * token comes from {@code Authorization: Bearer} or, deprecated but still required of servers,
 * the {@code access_token} query parameter. No token: 401 M_MISSING_TOKEN; a bad one: 401
 * M_UNKNOWN_TOKEN. The token itself is never logged.
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

    @Override
    public void filter(ContainerRequestContext request) {
        current.set(auth.authenticate(token(request)));
    }

    static String token(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).trim();
        }
        return request.getUriInfo().getQueryParameters().getFirst("access_token");
    }
}
