package org.weft.web.federation;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.weft.web.auth.FederationAuthenticated;
import org.weft.web.media.MediaServing;
import org.weft.web.http.NumberParams;

/**
 * Our media for other servers (server-server API, "Content Repository"): multipart/mixed with
 * the metadata and the bytes. Only local media is served; quarantined media is 404 here too.
 */
@Path("/_matrix/federation/v1/media")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationMediaResource {

    @Inject
    MediaServing serving;

    /** {@code GET /_matrix/federation/v1/media/download/{mediaId}?timeout_ms=}. */
    @GET
    @Path("/download/{mediaId}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("mediaId") String mediaId, @QueryParam("timeout_ms") String timeoutMs) {
        return serving.federationDownload(mediaId, NumberParams.optional(timeoutMs, "timeout_ms"));
    }

    /** {@code GET /_matrix/federation/v1/media/thumbnail/{mediaId}?width=&height=&method=&animated=&timeout_ms=}. */
    @GET
    @Path("/thumbnail/{mediaId}")
    @Produces(MediaType.WILDCARD)
    public Response thumbnail(@PathParam("mediaId") String mediaId, @QueryParam("width") String width,
                              @QueryParam("height") String height, @QueryParam("method") String method,
                              @QueryParam("animated") String animated, @QueryParam("timeout_ms") String timeoutMs) {
        return serving.federationThumbnail(mediaId, width, height, method, animated, NumberParams.optional(timeoutMs, "timeout_ms"));
    }
}
