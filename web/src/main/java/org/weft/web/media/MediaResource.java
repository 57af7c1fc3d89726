package org.weft.web.media;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.media.MediaService;
import org.weft.ejb.media.MediaStores;
import org.weft.ejb.media.ReceivedUpload;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.http.NumberParams;

/**
 * The /_matrix/media endpoints (client-server API, "Content repository"): uploads (still under
 * this prefix in v1.19) and the deprecated unauthenticated downloads and thumbnails, which
 * weft.media.freeze_unauthenticated freezes for media uploaded while it is set. The authenticated
 * ones are {@link ClientMediaResource}'s.
 */
@Path("/_matrix/media")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource {

    @EJB
    MediaService media;

    @Inject
    WeftSettings settings;

    @Inject
    MediaStores stores;

    @Inject
    CurrentRequester requester;

    @Inject
    MediaServing serving;

    /** {@code POST /_matrix/media/v3/upload?filename=}. */
    @POST
    @Path("/v3/upload")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public Map<String, Object> upload(@QueryParam("filename") String fileName, @HeaderParam("Content-Type") String type,
                                      @HeaderParam("Content-Length") String length, InputStream body) {
        ReceivedUpload received = receive(NumberParams.optional(length, "Content-Length"), body);
        try {
            return Map.of("content_uri", media.upload(requester.get(), received, type, fileName));
        } catch (RuntimeException e) {
            received.discard();
            throw e;
        }
    }

    /** {@code POST /_matrix/media/v1/create}. */
    @POST
    @Path("/v1/create")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public Map<String, Object> create() {
        return media.create(requester.get());
    }

    /** {@code PUT /_matrix/media/v3/upload/{serverName}/{mediaId}?filename=}. */
    @PUT
    @Path("/v3/upload/{serverName}/{mediaId}")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public Map<String, Object> uploadTo(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId,
                                        @QueryParam("filename") String fileName, @HeaderParam("Content-Type") String type,
                                        @HeaderParam("Content-Length") String length, InputStream body) {
        ReceivedUpload received = receive(NumberParams.optional(length, "Content-Length"), body);
        try {
            media.uploadTo(requester.get(), serverName, mediaId, received, type, fileName);
        } catch (RuntimeException e) {
            received.discard();
            throw e;
        }
        return Map.of();
    }

    /** The deprecated, unauthenticated {@code GET /_matrix/media/v3/download/...}. */
    @GET
    @Path("/v3/download/{serverName}/{mediaId}{fileName: (/[^/]*)?}")
    @Produces(MediaType.WILDCARD)
    public Response legacyDownload(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId,
                                   @PathParam("fileName") String fileName, @QueryParam("timeout_ms") String timeoutMs,
                                   @QueryParam("allow_remote") String allowRemote, @HeaderParam("Range") String range) {
        return serving.serve(serverName, mediaId, fileName, NumberParams.optional(timeoutMs, "timeout_ms"), range, true, !"false".equals(allowRemote));
    }

    /** The deprecated, unauthenticated {@code GET /_matrix/media/v3/thumbnail/...}. */
    @GET
    @Path("/v3/thumbnail/{serverName}/{mediaId}")
    @Produces(MediaType.WILDCARD)
    public Response legacyThumbnail(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId,
                                    @QueryParam("width") String width, @QueryParam("height") String height,
                                    @QueryParam("method") String method, @QueryParam("animated") String animated,
                                    @QueryParam("timeout_ms") String timeoutMs, @QueryParam("allow_remote") String allowRemote) {
        return serving.thumb(serverName, mediaId, width, height, method, animated, NumberParams.optional(timeoutMs, "timeout_ms"), true,
                !"false".equals(allowRemote));
    }

    /** The deprecated {@code GET /_matrix/media/v3/preview_url?url=&ts=} (it always needed a token). */
    @GET
    @Path("/v3/preview_url")
    @Authenticated
    public Map<String, Object> previewUrl(@QueryParam("url") String url) {
        return serving.preview(requester.get(), url);
    }

    /** The deprecated {@code GET /_matrix/media/v3/config} (it always needed a token). */
    @GET
    @Path("/v3/config")
    @Authenticated
    public Map<String, Object> config() {
        return media.config();
    }

    private ReceivedUpload receive(Long length, InputStream body) {
        long max = settings.media().maxUploadBytes();
        if (length != null && length > max) {
            throw MatrixException.tooLarge("Uploads are limited to " + max + " bytes");
        }
        return ReceivedUpload.receive(stores.current(), body, max);
    }
}
