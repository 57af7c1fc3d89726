package org.weft.web.auth;

import jakarta.enterprise.context.RequestScoped;
import org.weft.core.id.ServerName;

/** The authenticated origin server of the current federation request, set by {@link XMatrixFilter}. */
@RequestScoped
public class CurrentOrigin {

    private ServerName origin;

    void set(ServerName origin) {
        this.origin = origin;
    }

    /** The origin; only called from {@link FederationAuthenticated} endpoints. */
    public ServerName get() {
        if (origin == null) {
            throw new IllegalStateException("No authenticated origin: endpoint lacks @FederationAuthenticated");
        }
        return origin;
    }
}
