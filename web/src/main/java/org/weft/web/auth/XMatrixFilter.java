package org.weft.web.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.core.json.JsonSyntaxException;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.FederationAuthenticator;

/**
 * Authenticates {@link FederationAuthenticated} endpoints (server-server API, "Request
 * Authentication"). The signature covers the request target exactly as sent (raw path and query)
 * and the parsed JSON body, so a body is read here, within weft.limits.max_json_body_bytes, and
 * handed on unchanged.
 */
@Provider
@FederationAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class XMatrixFilter implements ContainerRequestFilter {

    /** The smallest limit on a server's request body: room for a full transaction. */
    static final int FEDERATION_BODY_FLOOR = 4 * 1024 * 1024;

    @Inject
    FederationAuthenticator authenticator;

    @Inject
    CurrentOrigin current;

    @Inject
    WeftSettings settings;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        URI uri = request.getUriInfo().getRequestUri();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Object content = null;
        if (request.hasEntity()) {
            // A transaction may carry 50 PDUs of up to 65,536 bytes each, and 100 EDUs.
            int limit = Math.max(settings.maxJsonBodyBytes(), FEDERATION_BODY_FLOOR);
            byte[] body;
            try (InputStream in = request.getEntityStream()) {
                body = in.readNBytes(limit + 1);
            }
            if (body.length > limit) {
                throw MatrixException.tooLarge("Request body is larger than " + limit + " bytes");
            }
            if (body.length > 0) {
                try {
                    content = Json.parse(body);
                } catch (JsonSyntaxException e) {
                    throw MatrixException.notJson("Request body is not JSON");
                }
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        current.set(authenticator.authenticate(request.getMethod(), target,
                request.getHeaders().get(HttpHeaders.AUTHORIZATION), content), content);
    }
}
