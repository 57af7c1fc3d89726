package org.weft.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.ejb.sso.AccountLocks;
import org.weft.ejb.sso.DeprovisionRun;
import org.weft.ejb.sso.Deprovisioning;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/**
 * Weft's own admin endpoints for sessions (no Synapse counterpart): ending every session of a
 * user, and running deprovisioning now rather than at its next timer.
 */
@Path("/_weft/admin/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserSessionsAdminResource {

    @EJB
    AccountLocks locks;

    @EJB
    Deprovisioning deprovisioning;

    @Inject
    CurrentRequester requester;

    /** {@code POST /_weft/admin/v1/users/{userId}/logout}: every device and token of the user goes. */
    @POST
    @Path("/users/{userId}/logout")
    public Map<String, Object> logoutEverywhere(@PathParam("userId") String userId) {
        AdminGuard.requireAdmin(requester.get());
        try {
            UserId.parse(userId);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("Not a user ID: " + userId);
        }
        locks.endAllSessions(userId);
        return Map.of();
    }

    /**
     * {@code POST /_weft/admin/v1/deprovision}: checks every directory user now; answers how many
     * were checked and changed, and why nothing was when the run was skipped.
     */
    @POST
    @Path("/deprovision")
    public Map<String, Object> deprovisionNow() {
        AdminGuard.requireAdmin(requester.get());
        DeprovisionRun run = deprovisioning.run();
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("checked", run.checked());
        answer.put("changed", run.changed());
        if (run.skipped() != null) {
            answer.put("skipped", run.skipped());
        }
        return answer;
    }
}
