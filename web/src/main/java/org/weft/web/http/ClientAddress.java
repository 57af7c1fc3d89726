package org.weft.web.http;

import jakarta.servlet.http.HttpServletRequest;

/** The address a request came from, the key of per-address rate limits. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request == null ? "unknown" : request.getRemoteAddr();
    }
}
