package org.weft.web.sso;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.weft.core.error.MatrixException;
import org.weft.ejb.sso.IdentityProviderInfo;
import org.weft.ejb.sso.SsoConfirmation;
import org.weft.ejb.sso.UiaPrompt;

/**
 * The HTML of the single sign-on pages: plain, escaped, never framed (a page that grants access
 * must not be clickjacked), never cached.
 */
final class SsoPages {

    /** The cookie that ties an attempt to the browser that started it. */
    static final String COOKIE = "weft_sso";

    private SsoPages() {
    }

    static String cookie(String secret, boolean secure) {
        return COOKIE + "=" + secret + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * The end of the fallback page's sign-in (client-server API, "Fallback"): the page tells the
     * client it is done, by {@code window.onAuthDone()} when an embedding page set it, or by posting
     * {@code "authDone"} to the window that opened it.
     */
    private static final String AUTH_DONE_SCRIPT = "if (window.onAuthDone) { window.onAuthDone(); }"
            + " else if (window.opener && window.opener.postMessage) { window.opener.postMessage(\"authDone\", \"*\"); }";

    static String clearedCookie(boolean secure) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    static Response page(int status, String body) {
        return page(status, body, "");
    }

    private static Response page(int status, String body, String scriptSource) {
        return Response.status(status).type("text/html; charset=utf-8").entity(body)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action *;"
                        + " frame-ancestors 'none'" + scriptSource)
                .header("Cache-Control", "no-store").build();
    }

    /** Asks the browser for its Kerberos ticket; the body is what a browser that has none shows. */
    static Response negotiate() {
        return Response.fromResponse(page(401, html("Desktop sign-in", "<h1>Desktop sign-in did not work</h1>"
                + "<p>Your browser did not offer a Kerberos ticket for this server. Sign in on a computer of"
                + " the domain, with this server's address allowed for integrated sign-in in the browser,"
                + " or go back and choose another way to sign in.</p>")))
                .header("WWW-Authenticate", "Negotiate").build();
    }

    static Response authDone() {
        return page(200, html("Authentication complete", "<h1>Thank you</h1><p>You may now close this window and"
                + " return to the application.</p><script>" + AUTH_DONE_SCRIPT + "</script>"), "; script-src 'sha256-"
                + sha256(AUTH_DONE_SCRIPT) + "'");
    }

    private static String sha256(String text) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response error(MatrixException e) {
        return page(e.status(), html("Sign-in failed", "<h1>Sign-in failed</h1><p>" + escape(e.getMessage())
                + "</p><p>Close this page and start again from your Matrix client.</p>"));
    }

    static String confirmation(SsoConfirmation c, String confirmUrl) {
        return html("Continue to " + c.client(), "<h1>Continue to " + escape(c.client()) + "?</h1>"
                + "<p>You are signed in as <b>" + escape(c.userId()) + "</b>. The application at <b>"
                + escape(c.client()) + "</b> asks for access to your Matrix account: it will be able to read"
                + " and send your messages.</p>"
                + "<form method=\"post\" action=\"" + escape(confirmUrl) + "\">"
                + "<input type=\"hidden\" name=\"state\" value=\"" + escape(c.state()) + "\">"
                + (c.handoff() == null ? "" : "<input type=\"hidden\" name=\"handoff\" value=\"" + escape(c.handoff()) + "\">")
                + "<button type=\"submit\">Continue to " + escape(c.client()) + "</button></form>"
                + "<p>If you did not just sign in to this application, close this page.</p>");
    }

    static String uiaPrompt(UiaPrompt prompt, String startUrl) {
        return html("Confirm it is you", "<h1>Confirm it is you</h1>"
                + "<p>An application signed in as <b>" + escape(prompt.userId()) + "</b> asks to <b>"
                + escape(prompt.action()) + "</b>. To approve, sign in again with " + escape(prompt.providerName())
                + ".</p><form method=\"post\" action=\"" + escape(startUrl) + "\">"
                + "<input type=\"hidden\" name=\"session\" value=\"" + escape(prompt.session()) + "\">"
                + "<input type=\"hidden\" name=\"check\" value=\"" + escape(prompt.check()) + "\">"
                + "<button type=\"submit\">Continue with " + escape(prompt.providerName()) + "</button></form>"
                + "<p>If you did not ask for this, close this page: nothing happens.</p>");
    }

    static String picker(List<IdentityProviderInfo> providers, String redirectUrl) {
        StringBuilder list = new StringBuilder("<h1>Sign in with</h1><ul>");
        for (IdentityProviderInfo p : providers) {
            list.append("<li><a href=\"redirect/").append(escape(URLEncoder.encode(p.id(), StandardCharsets.UTF_8)))
                    .append("?redirectUrl=").append(escape(URLEncoder.encode(redirectUrl, StandardCharsets.UTF_8)))
                    .append("\">").append(escape(p.name())).append("</a></li>");
        }
        return html("Sign in", list.append("</ul>").toString());
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width\"><title>" + escape(title) + "</title></head><body>" + body
                + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
