package org.weft.web.admin;

import org.weft.core.error.MatrixException;
import org.weft.ejb.users.Requester;

/** Admin endpoints are for server admins only: everyone else gets 403 M_FORBIDDEN. */
final class AdminGuard {

    private AdminGuard() {
    }

    static void requireAdmin(Requester requester) {
        if (!requester.admin()) {
            throw MatrixException.forbidden("You are not a server admin");
        }
    }
}
