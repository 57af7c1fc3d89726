package org.weft.web.auth;

import jakarta.enterprise.context.RequestScoped;
import org.weft.core.id.ServerName;

/** The authenticated origin server of the current federation request, set by {@link XMatrixFilter}. */
@RequestScoped
public class CurrentOrigin {

    private ServerName origin;
    private Object content;

    void set(ServerName origin, Object content) {
        this.origin = origin;
        this.content = content;
    }

    /**
     * The request's JSON body as the signature covered it (parsed once, by the filter, within the
     * federation body limit), or null when there was none.
     */
    public Object content() {
        return content;
    }

    /** The origin; only called from {@link FederationAuthenticated} endpoints. */
    public ServerName get() {
        if (origin == null) {
            throw new IllegalStateException("No authenticated origin: endpoint lacks @FederationAuthenticated");
        }
        return origin;
    }
}
