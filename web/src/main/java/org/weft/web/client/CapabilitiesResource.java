package org.weft.web.client;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.inject.Inject;
import org.weft.core.event.RoomVersion;
import org.weft.ejb.config.WeftSettings;
import org.weft.web.auth.Authenticated;

/**
 * {@code GET /_matrix/client/v3/capabilities} (client-server API, "Capabilities negotiation").
 * Only what works is enabled: password changes yes, but for users of an identity provider or the
 * directory; profile and third-party-ID changes not until
 * those modules exist. Room versions: 1-11, all stable, the configured default first.
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {

    @Inject
    WeftSettings settings;

    @jakarta.ejb.EJB
    org.weft.ejb.sso.SignInMethods signIn;

    @Inject
    org.weft.web.auth.CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/capabilities}: requires an access token. */
    @GET
    @Path("/v3/capabilities")
    @Authenticated
    public Map<String, Object> capabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        // Users of an identity provider or the directory change their password there.
        capabilities.put("m.change_password", enabled(!signIn.passwordIsManagedElsewhere(requester.get().userId())));
        capabilities.put("m.set_displayname", enabled(true));
        capabilities.put("m.set_avatar_url", enabled(true));
        capabilities.put("m.3pid_changes", enabled(false));
        capabilities.put("m.get_login_token", enabled(settings.loginTokensForDevicesEnabled()));
        Map<String, Object> available = new LinkedHashMap<>();
        RoomVersion.all().values().forEach(v -> available.put(v.id(), v.isStable() ? "stable" : "unstable"));
        capabilities.put("m.room_versions", Map.of("default", settings.defaultRoomVersion(), "available", available));
        return Map.of("capabilities", capabilities);
    }

    private static Map<String, Object> enabled(boolean enabled) {
        return Map.of("enabled", enabled);
    }
}
