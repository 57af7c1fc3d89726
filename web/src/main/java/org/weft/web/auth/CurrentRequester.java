package org.weft.web.auth;

import jakarta.enterprise.context.RequestScoped;
import org.weft.ejb.users.Requester;

/** The requester of the current HTTP request, set by {@link AccessTokenFilter}. */
@RequestScoped
public class CurrentRequester {

    private Requester requester;

    void set(Requester requester) {
        this.requester = requester;
    }

    /** The authenticated requester; only called from {@link Authenticated} endpoints. */
    public Requester get() {
        if (requester == null) {
            throw new IllegalStateException("No authenticated requester: endpoint lacks @Authenticated");
        }
        return requester;
    }

    /** The requester when {@code userId} (from the path) is the requester: 403 M_FORBIDDEN otherwise. */
    public Requester self(String userId) {
        Requester self = get();
        if (!self.userId().equals(userId)) {
            throw org.weft.core.error.MatrixException.forbidden("You may only do this for yourself");
        }
        return self;
    }
}
