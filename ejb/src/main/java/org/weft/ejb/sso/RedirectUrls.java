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

    /** Longest redirect URL taken (it is stored with the attempt). */
    static final int MAX_LENGTH = 2048;

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
        if (redirectUrl.length() > MAX_LENGTH) {
            throw MatrixException.invalidParam("redirectUrl is longer than " + MAX_LENGTH + " characters");
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
        if (uri.getRawUserInfo() != null) {
            // https://good.example@evil.example/ reads as the first host and goes to the second.
            throw MatrixException.invalidParam("redirectUrl must not contain user information");
        }
        if (!settings.redirectAllowlist().isEmpty()
                && settings.redirectAllowlist().stream().noneMatch(allowed -> matches(allowed, uri))) {
            throw MatrixException.forbidden("This server does not send logins to " + uri.getScheme() + "://"
                    + uri.getRawAuthority());
        }
        return uri;
    }

    /**
     * Whether the URL is under an allow list entry: the same scheme, host and port exactly (so
     * {@code https://app.example} does not admit {@code https://app.example.evil.net}), and a path
     * that starts with the entry's.
     */
    static boolean matches(String allowed, URI uri) {
        if (allowed.matches("[A-Za-z][A-Za-z0-9+.-]*://")) {
            // "im.riot.app://": a native client's whole scheme.
            return allowed.substring(0, allowed.length() - 3).equalsIgnoreCase(uri.getScheme());
        }
        URI entry;
        try {
            entry = new URI(allowed);
        } catch (URISyntaxException e) {
            return false;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String entryPath = entry.getRawPath() == null ? "" : entry.getRawPath();
        boolean sameOrigin = java.util.Objects.equals(lower(entry.getHost()), lower(uri.getHost()))
                && entry.getPort() == uri.getPort();
        return entry.getScheme() != null && entry.getScheme().equalsIgnoreCase(uri.getScheme()) && sameOrigin
                && path.startsWith(entryPath);
    }

    private static String lower(String host) {
        return host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
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

    /** What the confirmation page names as the client: scheme, host and port, not the whole URL. */
    static String clientName(String redirectUrl) {
        URI uri = URI.create(redirectUrl);
        return uri.getScheme() + "://" + (uri.getHost() == null ? "" : uri.getHost())
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
