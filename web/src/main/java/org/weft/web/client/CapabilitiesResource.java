package org.weft.web.client;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.web.auth.Authenticated;

/**
 * {@code GET /_matrix/client/v3/capabilities} (client-server API, "Capabilities negotiation").
 * Only what works is enabled: password changes yes; profile and third-party-ID changes not until
 * those modules exist. Room versions are added with rooms.
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {

    /** {@code GET /_matrix/client/v3/capabilities}: requires an access token. */
    @GET
    @Path("/v3/capabilities")
    @Authenticated
    public Map<String, Object> capabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("m.change_password", enabled(true));
        capabilities.put("m.set_displayname", enabled(false));
        capabilities.put("m.set_avatar_url", enabled(false));
        capabilities.put("m.3pid_changes", enabled(false));
        capabilities.put("m.get_login_token", enabled(false));
        return Map.of("capabilities", capabilities);
    }

    private static Map<String, Object> enabled(boolean enabled) {
        return Map.of("enabled", enabled);
    }
}
