package org.weft.web.sync;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.ephemeral.ToDeviceService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Send-to-device messaging ("Send-to-Device messaging"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ToDeviceResource {

    @EJB
    ToDeviceService toDevice;

    @Inject
    CurrentRequester requester;

    /** {@code PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}}. */
    @PUT
    @Path("/v3/sendToDevice/{eventType}/{txnId}")
    public Map<String, Object> send(@PathParam("eventType") String type, @PathParam("txnId") String txnId,
                                    JsonObject body) {
        if (!body.has("messages")) {
            throw MatrixException.missingParam("messages");
        }
        toDevice.send(requester.get(), type, txnId, body.requireObject("messages").map());
        return Map.of();
    }
}
