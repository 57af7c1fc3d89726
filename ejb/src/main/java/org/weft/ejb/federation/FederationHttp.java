package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.federation.XMatrixAuthorization;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.FederationSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.keys.ServerKeys;
import org.weft.ejb.net.TlsClients;

/**
 * Outgoing federation requests: HTTPS to the resolved destination, signed with our key as the
 * spec's "Request Authentication" describes. One HTTP client per certificate policy, so
 * connections are pooled across requests.
 */
@ApplicationScoped
public class FederationHttp {

    private static final Logger LOG = Logger.getLogger(FederationHttp.class);

    @Inject
    WeftSettings settings;

    @Inject
    ServerNameResolver resolver;

    @Inject
    FederationPolicy policy;

    @jakarta.ejb.EJB
    ServerKeys keys;

    private final TlsClients clients = new TlsClients(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL)
            .version(HttpClient.Version.HTTP_1_1),
            "weft.federation.verify_tls is false: other servers' certificates are not checked");

    /** The client for the current weft.federation.verify_tls. */
    public HttpClient client() {
        return clients.client(settings.federation().verifyTls());
    }

    /**
     * A signed GET to {@code destination}; the caller closes the body.
     *
     * @param pathAndQuery from {@code /_matrix} on, query included, as signed
     * @throws MatrixException 502 M_UNKNOWN when the server cannot be reached, 403 M_FORBIDDEN when
     *         Weft does not federate with it ({@link FederationPolicy})
     */
    public HttpResponse<InputStream> get(ServerName destination, String pathAndQuery) {
        policy.requireAllowed(destination);
        FederationSettings federation = settings.federation();
        String origin = settings.serverName().toString();
        XMatrixAuthorization auth = XMatrixAuthorization.sign("GET", pathAndQuery, origin, destination.toString(), null,
                keys.signingKey());
        HttpRequest request = HttpRequest.newBuilder(resolver.resolve(destination).resolve(pathAndQuery))
                .timeout(Duration.ofMillis(federation.requestTimeoutMs()))
                .header("Authorization", auth.header()).GET().build();
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.debugf("GET %s on %s failed: %s", pathAndQuery, destination, e.toString());
            throw unreachable(destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(destination);
        }
    }

    /** 502: the remote server's trouble is not relayed verbatim (architecture: error model). */
    public static MatrixException unreachable(ServerName destination) {
        return new MatrixException(ErrCode.M_UNKNOWN, 502, "Could not reach " + destination, java.util.Map.of());
    }
}
