package org.weft.web.sso;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import org.weft.core.error.MatrixException;
import org.weft.ejb.sso.IdentityProviderInfo;
import org.weft.ejb.sso.SsoService;
import org.weft.ejb.sso.SsoStart;
import org.weft.ejb.sso.UiaPrompt;
import org.weft.web.http.ClientAddress;

/**
 * The SSO redirect endpoints (client-server API, "SSO client login": {@code GET
 * /_matrix/client/v3/login/sso/redirect} and {@code .../redirect/{idpId}}), and the fallback page
 * of the {@code m.login.sso} stage of user-interactive auth. Errors before the
 * browser leaves (a bad {@code redirectUrl}, an unknown provider) are the spec's error JSON.
 */
@Path("/_matrix/client")
@RequestScoped
public class SsoResource {

    @EJB
    SsoService sso;

    @Context
    HttpServletRequest http;

    /**
     * {@code GET /_matrix/client/v3/login/sso/redirect}: with one identity provider, straight to
     * it; with several, a page to pick one (clients that ignore {@code identity_providers} use this).
     */
    @GET
    @Path("/v3/login/sso/redirect")
    public Response redirect(@QueryParam("redirectUrl") String redirectUrl,
                             @CookieParam(SsoPages.COOKIE) String browser) {
        List<IdentityProviderInfo> providers = sso.identityProviders();
        if (providers.isEmpty()) {
            throw MatrixException.notFound("This server offers no single sign-on");
        }
        if (providers.size() == 1) {
            return redirectTo(providers.get(0).id(), redirectUrl, browser);
        }
        sso.checkRedirectUrl(redirectUrl);
        return SsoPages.page(200, SsoPages.picker(providers, redirectUrl));
    }

    /**
     * {@code GET /_matrix/client/v3/auth/m.login.sso/fallback/web?session=...}: the fallback page of
     * the {@code m.login.sso} stage ("SSO during User-Interactive Authentication"): it says what the
     * user is about to approve, and its button goes on to the identity provider they signed in
     * with. Other stages have no fallback page here.
     */
    @GET
    @Path("/v3/auth/{authType}/fallback/web")
    public Response fallback(@PathParam("authType") String authType, @QueryParam("session") String session,
                             @CookieParam(SsoPages.COOKIE) String browser) {
        if (!"m.login.sso".equals(authType)) {
            throw MatrixException.unrecognized("No fallback page for " + authType);
        }
        try {
            UiaPrompt prompt = sso.uiaPrompt(session, browser);
            return Response.fromResponse(SsoPages.page(200, SsoPages.uiaPrompt(prompt, sso.uiaStartUrl())))
                    .header("Set-Cookie", SsoPages.cookie(prompt.browserSecret(), sso.secureCookies())).build();
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /** {@code GET /_matrix/client/v3/login/sso/redirect/{idpId}}: to that identity provider. */
    @GET
    @Path("/v3/login/sso/redirect/{idpId}")
    public Response redirectTo(@PathParam("idpId") String idpId, @QueryParam("redirectUrl") String redirectUrl,
                               @CookieParam(SsoPages.COOKIE) String browser) {
        SsoStart start = sso.begin(idpId, redirectUrl, browser, ClientAddress.of(http));
        return Response.status(302).location(start.location())
                .header("Set-Cookie", SsoPages.cookie(start.browserSecret(), sso.secureCookies()))
                .header("Cache-Control", "no-store").build();
    }
}
