package org.weft.web.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.weft.ejb.tx.DurableCommits;

/**
 * Holds every answer until what was committed before it is in the database file (ADR 0012): a
 * client never holds an event ID, and never sees data, that a crash of the server could take back.
 * It matters on the embedded H2, the single-node default; on PostgreSQL, the production database,
 * every commit is durable when it returns and the wait is a no-op.
 * The response side runs after the endpoint's transaction has ended and before a byte of the answer
 * is written; the request side counts requests that may write, so that a group commit can wait
 * for the ones about to commit.
 */
@Provider
@PreMatching
@Priority(1)
public class DurableResponseFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Marks a request counted by {@link DurableCommits#writeStarted()}, so it is uncounted once. */
    private static final String COUNTED = DurableResponseFilter.class.getName() + ".counted";

    @Inject
    DurableCommits durableCommits;

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method) && !HttpMethod.OPTIONS.equals(method)) {
            request.setProperty(COUNTED, Boolean.TRUE);
            durableCommits.writeStarted();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean counted = request.getProperty(COUNTED) != null;
        if (counted) {
            request.removeProperty(COUNTED);
        }
        durableCommits.awaitDurable(counted);
    }
}
