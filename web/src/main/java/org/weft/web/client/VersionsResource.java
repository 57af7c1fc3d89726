package org.weft.web.client;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_matrix/client/versions} (client-server API, "Capabilities negotiation" /
 * "Server discovery": GET /_matrix/client/versions).
 *
 * <p>Which versions to advertise is a deliberate choice (docs/adr/0003): Weft implements the
 * modules it has to the v1.19 text, and v1.1 onwards share those endpoints' shapes, so clients of
 * any of them work. The r0 paths answer as v3 (docs/adr/0013), but the r0.x versions, whose rules
 * differ, are not listed. Unstable features are advertised only once implemented.
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VersionsResource {

    static final List<String> VERSIONS = List.of(
            "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10",
            "v1.11", "v1.12", "v1.13", "v1.14", "v1.15", "v1.16", "v1.17", "v1.18", "v1.19");

    /** {@code GET /_matrix/client/versions}: no authentication. */
    @GET
    @Path("/versions")
    public Map<String, Object> versions() {
        return Map.of("versions", VERSIONS, "unstable_features", Map.of());
    }
}
