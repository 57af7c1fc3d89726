package org.weft.web.media;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.weft.ejb.media.MediaService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.http.NumberParams;

/** The authenticated media endpoints of v1.11 (client-server API, "Content repository"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ClientMediaResource {

    @EJB
    MediaService media;

    @Inject
    MediaServing serving;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v1/media/config}. */
    @GET
    @Path("/v1/media/config")
    public Map<String, Object> config() {
        return media.config();
    }

    /** {@code GET /_matrix/client/v1/media/download/{serverName}/{mediaId}[/{fileName}]?timeout_ms=}. */
    @GET
    @Path("/v1/media/download/{serverName}/{mediaId}{fileName: (/[^/]*)?}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId,
                             @PathParam("fileName") String fileName, @QueryParam("timeout_ms") String timeoutMs,
                             @HeaderParam("Range") String range) {
        return serving.serve(serverName, mediaId, fileName, NumberParams.optional(timeoutMs, "timeout_ms"), range, false, true);
    }

    /** {@code GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId}?width=&height=&method=&animated=}. */
    @GET
    @Path("/v1/media/thumbnail/{serverName}/{mediaId}")
    @Produces(MediaType.WILDCARD)
    public Response thumbnail(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId,
                              @QueryParam("width") String width, @QueryParam("height") String height,
                              @QueryParam("method") String method, @QueryParam("animated") String animated,
                              @QueryParam("timeout_ms") String timeoutMs) {
        return serving.thumb(serverName, mediaId, width, height, method, animated, NumberParams.optional(timeoutMs, "timeout_ms"), false, true);
    }

    /** {@code GET /_matrix/client/v1/media/preview_url?url=&ts=}. */
    @GET
    @Path("/v1/media/preview_url")
    public Map<String, Object> previewUrl(@QueryParam("url") String url) {
        return serving.preview(requester.get(), url);
    }
}
