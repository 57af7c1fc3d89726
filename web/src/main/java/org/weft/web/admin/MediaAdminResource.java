package org.weft.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.ejb.media.MediaService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/**
 * Media moderation for admins, shaped like Synapse's admin API so its tooling works: quarantine
 * (the item then answers 404 to everyone) and deletion.
 */
@Path("/_synapse/admin/v1/media")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MediaAdminResource {

    @EJB
    MediaService media;

    @Inject
    CurrentRequester requester;

    /** {@code POST /_synapse/admin/v1/media/quarantine/{serverName}/{mediaId}}. */
    @POST
    @Path("/quarantine/{serverName}/{mediaId}")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> quarantine(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId) {
        AdminGuard.requireAdmin(requester.get());
        media.quarantine(serverName, mediaId);
        return Map.of();
    }

    /** {@code DELETE /_synapse/admin/v1/media/{serverName}/{mediaId}}. */
    @DELETE
    @Path("/{serverName}/{mediaId}")
    public Map<String, Object> delete(@PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId) {
        AdminGuard.requireAdmin(requester.get());
        media.delete(serverName, mediaId);
        return Map.of("deleted_media", List.of(mediaId), "total", 1);
    }
}
