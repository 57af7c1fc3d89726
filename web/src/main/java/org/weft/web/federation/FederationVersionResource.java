package org.weft.web.federation;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The implementation name and version (server-server API, "Server implementation"). */
@Path("/_matrix/federation/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FederationVersionResource {

    /** {@code GET /_matrix/federation/v1/version}. */
    @GET
    @Path("/version")
    public Map<String, Object> version() {
        String version = FederationVersionResource.class.getPackage().getImplementationVersion();
        return Map.of("server", Map.of("name", "Weft", "version", version == null ? "dev" : version));
    }
}
