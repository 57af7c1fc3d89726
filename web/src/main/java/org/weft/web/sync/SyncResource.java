package org.weft.web.sync;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.ephemeral.PresenceService;
import org.weft.ejb.sync.FilterService;
import org.weft.ejb.sync.SyncContinuations;
import org.weft.ejb.sync.SyncNotifier;
import org.weft.ejb.sync.SyncRequest;
import org.weft.ejb.sync.SyncResult;
import org.weft.ejb.sync.SyncService;
import org.weft.ejb.sync.SyncToken;
import org.weft.ejb.sync.SyncWaiter;
import org.weft.ejb.users.Requester;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.http.NumberParams;

/**
 * GET /sync as a long-poll (client-server API, "Syncing"), and the filter API ("Filtering"). A
 * sync with nothing to report suspends its {@link AsyncResponse}: the waiting client holds no
 * worker thread, and the notifier answers it as soon as something it would see commits.
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SyncResource {

    private static final Set<String> PRESENCE_STATES = Set.of("online", "offline", "unavailable");

    @EJB
    SyncService sync;

    @EJB
    FilterService filters;

    @EJB
    PresenceService presence;

    @Inject
    SyncNotifier notifier;

    @Inject
    SyncContinuations continuations;

    @Inject
    WeftSettings settings;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/sync?since=&timeout=&full_state=&filter=&set_presence=}. */
    @GET
    @Path("/v3/sync")
    public void sync(@QueryParam("since") String since, @QueryParam("timeout") String timeout,
                     @QueryParam("full_state") String fullState, @QueryParam("filter") String filter,
                     @QueryParam("set_presence") String setPresence, @Suspended AsyncResponse response) {
        Requester self = requester.get();
        if (setPresence != null && !PRESENCE_STATES.contains(setPresence)) {
            throw MatrixException.invalidParam("set_presence must be online, offline or unavailable");
        }
        if (fullState != null && !fullState.equals("true") && !fullState.equals("false")) {
            throw MatrixException.invalidParam("full_state must be true or false");
        }
        long waitMs = Math.min(milliseconds(timeout), settings.syncMaxTimeoutMs());
        presence.synced(self.userId(), setPresence);
        SyncRequest request = new SyncRequest(self, since == null ? null : SyncToken.parse(since),
                filters.resolve(self.userId(), filter), "true".equals(fullState));
        // A client back with the token it was just given waits at once: its wait computes what
        // changed since (SyncContinuations). Without a wait, only a computation can answer.
        SyncResult first = waitMs > 0 ? continuations.resume(request, System.currentTimeMillis()) : null;
        if (first == null) {
            first = sync.sync(request);
        }
        if (!first.empty() || request.since() == null || request.fullState() || waitMs == 0) {
            continuations.remember(request, first);
            response.resume(first.body());
            return;
        }
        SyncWaiter waiter = new SyncWaiter(request, first, result -> {
            continuations.remember(request, result);
            response.resume(result.body());
        });
        response.setTimeout(waitMs, TimeUnit.MILLISECONDS);
        response.setTimeoutHandler(expired -> {
            waiter.expire();
            notifier.forget(waiter);
        });
        notifier.await(waiter);
    }

    /** {@code POST /_matrix/client/v3/user/{userId}/filter}. */
    @POST
    @Path("/v3/user/{userId}/filter")
    public Map<String, Object> createFilter(@PathParam("userId") String userId, JsonObject body) {
        return Map.of("filter_id", filters.create(requester.self(userId).userId(), body.map()));
    }

    /** {@code GET /_matrix/client/v3/user/{userId}/filter/{filterId}}. */
    @GET
    @Path("/v3/user/{userId}/filter/{filterId}")
    public Map<String, Object> filter(@PathParam("userId") String userId, @PathParam("filterId") String filterId) {
        return filters.get(requester.self(userId).userId(), filterId);
    }

    private static long milliseconds(String value) {
        Long ms = NumberParams.nonNegative(value, "timeout");
        return ms == null ? 0 : ms;
    }
}
