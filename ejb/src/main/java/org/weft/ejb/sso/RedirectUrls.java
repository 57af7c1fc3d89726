package org.weft.ejb.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.SsoSettings;

/**
 * The client's {@code redirectUrl} of an SSO login: checked before anything else happens, and
 * given the login token at the end (client-server API, "SSO client login", server behaviour step
 * 4: existing {@code loginToken} parameters are removed before the new one is added).
 */
final class RedirectUrls {

    private RedirectUrls() {
    }

    /**
     * The URL if a login token may go there: an absolute http(s) URL (a native client's own scheme
     * too, e.g. {@code im.riot.app://}) on the allow list. Otherwise 400 M_INVALID_PARAM, or
     * 403 M_FORBIDDEN when it is well formed but not allowed.
     */
    static URI check(String redirectUrl, SsoSettings settings) {
        if (redirectUrl == null || redirectUrl.isBlank()) {
            throw MatrixException.missingParam("redirectUrl");
        }
        URI uri;
        try {
            uri = new URI(redirectUrl);
        } catch (URISyntaxException e) {
            throw MatrixException.invalidParam("redirectUrl is not a URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque()
                || "javascript".equalsIgnoreCase(uri.getScheme()) || "data".equalsIgnoreCase(uri.getScheme())) {
            throw MatrixException.invalidParam("redirectUrl must be an absolute URL");
        }
        if (!settings.allowsRedirect(redirectUrl)) {
            throw MatrixException.forbidden("This server does not send logins to " + uri.getScheme() + "://"
                    + uri.getRawAuthority());
        }
        return uri;
    }

    /**
     * The URL with {@code loginToken=token} as its only login token parameter, in the query before
     * any fragment (web clients such as Element keep their route in the fragment).
     */
    static String withLoginToken(String url, String token) {
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String redirectUrl = hash < 0 ? url : url.substring(0, hash);
        int query = redirectUrl.indexOf('?');
        String base = query < 0 ? redirectUrl : redirectUrl.substring(0, query);
        String kept = query < 0 ? "" : Arrays.stream(redirectUrl.substring(query + 1).split("&"))
                .filter(p -> !p.isEmpty() && !p.equals("loginToken") && !p.startsWith("loginToken="))
                .collect(Collectors.joining("&"));
        String param = "loginToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return base + "?" + (kept.isEmpty() ? param : kept + "&" + param) + fragment;
    }

    /** What the confirmation page names as the client: scheme and host, not the whole URL. */
    static String clientName(String redirectUrl) {
        URI uri = URI.create(redirectUrl);
        return uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
    }
}
