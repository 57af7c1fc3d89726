package org.weft.web.wellknown;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.ejb.config.WeftSettings;

/**
 * Server discovery (client-server API, "Well-known URIs"; server-server API, "Resolving server
 * names"): where clients find the client API and other servers the federation API.
 */
@Path("/.well-known/matrix")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    @Inject
    WeftSettings settings;

    /** {@code GET /.well-known/matrix/client}. */
    @GET
    @Path("/client")
    public Map<String, Object> client() {
        String baseUrl = settings.publicBaseUrl();
        // The spec's examples give base_url without a trailing slash.
        return Map.of("m.homeserver", Map.of("base_url", baseUrl.substring(0, baseUrl.length() - 1)));
    }

    /** {@code GET /.well-known/matrix/server}. */
    @GET
    @Path("/server")
    public Map<String, Object> server() {
        return Map.of("m.server", settings.federationEndpoint());
    }
}
