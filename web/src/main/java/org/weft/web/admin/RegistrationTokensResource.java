package org.weft.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.users.RegistrationTokenInfo;
import org.weft.ejb.users.RegistrationTokenService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/**
 * Registration-token management for admins, shaped like Synapse's admin API
 * ({@code /_synapse/admin/v1/registration_tokens}) so existing tooling and admin UIs work.
 */
@Path("/_synapse/admin/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RegistrationTokensResource {

    @EJB
    RegistrationTokenService tokens;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_synapse/admin/v1/registration_tokens?valid=true|false}. */
    @GET
    @Path("/registration_tokens")
    public Map<String, Object> list(@QueryParam("valid") String valid) {
        AdminGuard.requireAdmin(requester.get());
        Boolean filter = null;
        if (valid != null) {
            if (!"true".equals(valid) && !"false".equals(valid)) {
                throw MatrixException.invalidParam("valid must be true or false");
            }
            filter = Boolean.valueOf(valid);
        }
        return Map.of("registration_tokens", tokens.list(filter));
    }

    /** {@code POST /_synapse/admin/v1/registration_tokens/new}. */
    @POST
    @Path("/registration_tokens/new")
    public RegistrationTokenInfo create(JsonObject body) {
        AdminGuard.requireAdmin(requester.get());
        Long length = body.optLong("length");
        Long uses = body.optLong("uses_allowed");
        return tokens.create(body.optString("token"), length == null ? null : toInt(length, "length"),
                uses == null ? null : toInt(uses, "uses_allowed"), body.optLong("expiry_time"));
    }

    /** {@code GET /_synapse/admin/v1/registration_tokens/{token}}. */
    @GET
    @Path("/registration_tokens/{token}")
    public RegistrationTokenInfo get(@PathParam("token") String token) {
        AdminGuard.requireAdmin(requester.get());
        return tokens.get(token);
    }

    /** {@code PUT /_synapse/admin/v1/registration_tokens/{token}}: uses_allowed, expiry_time (null clears). */
    @PUT
    @Path("/registration_tokens/{token}")
    public RegistrationTokenInfo update(@PathParam("token") String token, JsonObject body) {
        AdminGuard.requireAdmin(requester.get());
        Long uses = body.optLong("uses_allowed");
        return tokens.update(token, body.has("uses_allowed"), uses == null ? null : toInt(uses, "uses_allowed"),
                body.has("expiry_time"), body.optLong("expiry_time"));
    }

    /** {@code DELETE /_synapse/admin/v1/registration_tokens/{token}}. */
    @DELETE
    @Path("/registration_tokens/{token}")
    public Map<String, Object> delete(@PathParam("token") String token) {
        AdminGuard.requireAdmin(requester.get());
        tokens.delete(token);
        return Map.of();
    }

    private static int toInt(long value, String name) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw MatrixException.invalidParam(name + " is out of range");
        }
        return (int) value;
    }
}
