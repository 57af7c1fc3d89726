package org.weft.web.key;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.federation.PublishedKeys;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.keys.ServerKeys;

/** Our published signing keys (server-server API, "Publishing Keys"). */
@Path("/_matrix/key/v2")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerKeyResource {

    @EJB
    ServerKeys keys;

    @Inject
    WeftSettings settings;

    /**
     * {@code GET /_matrix/key/v2/server}: the current key, signed by itself, valid for
     * weft.federation.key_validity_ms (the spec asks for more than an hour; a day by default).
     */
    @GET
    @Path("/server")
    public Map<String, Object> server() {
        return PublishedKeys.publish(settings.serverName().toString(), keys.signingKey(),
                System.currentTimeMillis() + settings.federation().keyValidityMs());
    }

    /**
     * {@code GET /_matrix/key/v2/server/{keyId}}: the same answer. The key ID in the path left the
     * spec long ago (servers "should ignore" it), but Synapse up to at least 1.67 still asks this
     * way, and without it could not check a single request of Weft's.
     */
    @GET
    @Path("/server/{keyId}")
    public Map<String, Object> serverByKeyId() {
        return server();
    }
}
