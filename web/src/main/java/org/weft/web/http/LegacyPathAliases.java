package org.weft.web.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import org.jboss.logging.Logger;

/**
 * Serves the {@code r0} paths of older clients, bots and bridges as aliases of {@code v3}:
 * {@code /_matrix/client/r0/...} and {@code /_matrix/media/r0/...} are answered exactly as their
 * {@code v3} paths are (the client-server API renamed r0 to v3 in v1.1 without changing the
 * endpoints; Synapse, Dendrite and Conduit serve both). The one mapping is here, before JAX-RS
 * matches a resource, so no resource declares a path twice and an r0 path the v3 API lacks is
 * 404 M_UNRECOGNIZED like any unknown one. {@code /versions} does not list {@code r0.x}
 * (docs/adr/0013): what answers is the v1.x behaviour, under the old prefix.
 */
@Provider
@PreMatching
@Priority(0)
public class LegacyPathAliases implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(LegacyPathAliases.class);
    private static final String[] PREFIXES = {"/_matrix/client/r0/", "/_matrix/media/r0/"};

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        String aliased = v3PathOf(path);
        if (aliased == null) {
            return;
        }
        try {
            URI rewritten = new URI(uri.getScheme() + "://" + uri.getRawAuthority() + aliased
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            request.setRequestUri(request.getUriInfo().getBaseUri(), rewritten);
        } catch (URISyntaxException e) {
            // The path was a valid URI a moment ago and only its prefix changed: cannot happen.
            LOG.debugf("r0 alias not applied to %s: %s", path, e.getMessage());
        }
    }

    /** The v3 path an r0 path stands for, or null when the path is not an r0 path. */
    static String v3PathOf(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        for (String prefix : PREFIXES) {
            if (rawPath.startsWith(prefix)) {
                return prefix.substring(0, prefix.length() - 3) + "v3/" + rawPath.substring(prefix.length());
            }
        }
        return null;
    }
}
