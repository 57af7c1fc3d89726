package org.weft.web.sso;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.weft.core.error.MatrixException;
import org.weft.ejb.sso.SamlSignIn;
import org.weft.ejb.sso.SsoConfirmation;
import org.weft.ejb.sso.SsoService;
import org.weft.ejb.sso.SsoStart;

/**
 * The pages a browser sees on its way back from the identity provider: the OpenID Connect
 * callback, which ends on the confirmation page (spec "SSO client login", security
 * considerations: the user confirms which client gets access), and the confirmation itself,
 * which sends the browser to the client with its login token. Errors are HTML pages here, with
 * the status of the spec's error, since a person reads them.
 */
@Path("/_weft/sso")
@RequestScoped
public class SsoPagesResource {

    @EJB
    SsoService sso;

    @EJB
    SamlSignIn saml;

    /** {@code GET /_weft/sso/oidc/callback?code=...&state=...}: the OpenID provider's answer. */
    @GET
    @Path("/oidc/callback")
    public Response oidcCallback(@QueryParam("state") String state, @QueryParam("code") String code,
                                 @QueryParam("error") String error, @QueryParam("iss") String issuer,
                                 @CookieParam(SsoPages.COOKIE) String browser) {
        try {
            return signedIn(sso.callback(state, code, error, issuer, browser));
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /**
     * {@code POST /_weft/sso/saml/acs}: the SAML IdP's answer, by the HTTP-POST binding (SAML
     * Bindings 3.5). The post comes from the IdP's page, so the browser sends no SameSite=Lax cookie
     * with it: the answer is checked and recorded here, and the browser is sent on to
     * {@code /saml/continue}, a request of Weft's own site, where its cookie is checked.
     */
    @POST
    @Path("/saml/acs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response samlAcs(@FormParam("SAMLResponse") String samlResponse, @FormParam("RelayState") String relayState) {
        try {
            return Response.seeOther(URI.create(saml.consume(samlResponse, relayState)))
                    .header("Cache-Control", "no-store").build();
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /**
     * {@code GET /_weft/sso/saml/continue?state=...&handoff=...}: on Weft's own site again, the
     * browser the IdP answered must be the one that started the attempt (its cookie).
     */
    @GET
    @Path("/saml/continue")
    public Response samlContinue(@QueryParam("state") String state, @QueryParam("handoff") String handoff,
                                 @CookieParam(SsoPages.COOKIE) String browser) {
        try {
            return signedIn(saml.resume(state, handoff, browser));
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /**
     * {@code GET /_weft/sso/saml/{idpId}/metadata}: Weft's service provider metadata for one IdP
     * (SAML Metadata 2.4.4), for the IdP's administrator; its URL is also the default SP entity ID.
     */
    @GET
    @Path("/saml/{idpId}/metadata")
    public Response samlMetadata(@PathParam("idpId") String idpId) {
        try {
            return Response.ok(saml.metadata(idpId), "application/samlmetadata+xml").build();
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /**
     * {@code GET /_weft/sso/kerberos?state=...}: desktop sign-in. The first request is answered
     * 401 {@code WWW-Authenticate: Negotiate}, and the browser repeats it with its Kerberos ticket
     * (RFC 4559); a browser that cannot sees the 401 page, which says so.
     */
    @GET
    @Path("/kerberos")
    public Response kerberos(@QueryParam("state") String state, @HeaderParam("Authorization") String authorization,
                             @CookieParam(SsoPages.COOKIE) String browser) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Negotiate ", 0, 10)
                ? authorization.substring(10) : null;
        try {
            java.util.Optional<SsoConfirmation> confirmation = sso.kerberos(state, token, browser);
            return confirmation.isEmpty() ? SsoPages.negotiate() : signedIn(confirmation.get());
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /**
     * {@code POST /_weft/sso/uia}: the user read what they approve on the fallback page and goes on
     * to their identity provider.
     */
    @POST
    @Path("/uia")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response uia(@FormParam("session") String session, @FormParam("check") String check,
                        @CookieParam(SsoPages.COOKIE) String browser) {
        try {
            SsoStart start = sso.beginUia(session, browser, check);
            return Response.seeOther(start.location())
                    .header("Set-Cookie", SsoPages.cookie(start.browserSecret(), sso.secureCookies()))
                    .header("Cache-Control", "no-store").build();
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /** {@code POST /_weft/sso/confirm}: the user confirmed; to the client, with a login token. */
    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("state") String state, @FormParam("handoff") String handoff,
                            @CookieParam(SsoPages.COOKIE) String browser) {
        try {
            // The cookie has served: it is cleared, as the spec's security considerations suggest.
            return Response.seeOther(URI.create(sso.confirm(state, handoff, browser))).header("Cache-Control", "no-store")
                    .header("Set-Cookie", SsoPages.clearedCookie(sso.secureCookies())).build();
        } catch (MatrixException e) {
            return SsoPages.error(e);
        }
    }

    /** The identity provider vouched for the user: the confirmation page, or the end of the UIA stage. */
    private Response signedIn(SsoConfirmation confirmation) {
        if (confirmation.uiaDone()) {
            return SsoPages.authDone();
        }
        return SsoPages.page(200, SsoPages.confirmation(confirmation, sso.confirmUrl()));
    }
}
