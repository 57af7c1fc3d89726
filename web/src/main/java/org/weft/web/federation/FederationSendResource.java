package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.ejb.federation.inbound.TransactionReceiver;
import org.weft.web.auth.CurrentOrigin;
import org.weft.web.auth.FederationAuthenticated;

/**
 * {@code PUT /_matrix/federation/v1/send/{txnId}} (server-server API, "Transactions"): PDUs and
 * EDUs pushed by another server. The answer names each PDU's outcome; see {@link TransactionReceiver}.
 */
@Path("/_matrix/federation/v1/send")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationSendResource {

    @EJB
    TransactionReceiver receiver;

    @Inject
    CurrentOrigin origin;

    @PUT
    @Path("/{txnId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> send(@PathParam("txnId") String txnId) {
        // The body as the filter read it: a transaction may exceed the client API's body limit.
        return receiver.receive(origin.get(), txnId, origin.content());
    }
}
