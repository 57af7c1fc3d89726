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

    /** The largest JSON answer read from another server (a send_join response of a big room fits). */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

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
        return send("GET", destination, pathAndQuery, null);
    }

    /**
     * A signed request with a JSON body (null: none) to {@code destination}; the caller closes the body.
     *
     * @throws MatrixException as {@link #get}
     */
    public HttpResponse<InputStream> send(String method, ServerName destination, String pathAndQuery, Object content) {
        policy.requireAllowed(destination);
        FederationSettings federation = settings.federation();
        String origin = settings.serverName().toString();
        XMatrixAuthorization auth = XMatrixAuthorization.sign(method, pathAndQuery, origin, destination.toString(),
                content, keys.signingKey());
        HttpRequest.Builder request = HttpRequest.newBuilder(resolver.resolve(destination).resolve(pathAndQuery))
                .timeout(Duration.ofMillis(federation.requestTimeoutMs()))
                .header("Authorization", auth.header());
        if (content == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(org.weft.core.json.Json.write(content)));
        }
        try {
            return client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.debugf("%s %s on %s failed: %s", method, pathAndQuery, destination, e.toString());
            throw unreachable(destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(destination);
        }
    }

    /**
     * A signed request whose answer must be a JSON object with a 2xx status.
     *
     * @throws MatrixException 502 when the server cannot be reached or answers otherwise
     */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> json(String method, ServerName destination, String pathAndQuery, Object content) {
        HttpResponse<InputStream> response = send(method, destination, pathAndQuery, content);
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw unreachable(destination);
            }
            if (response.statusCode() / 100 != 2) {
                LOG.debugf("%s %s on %s: status %d", method, pathAndQuery, destination, response.statusCode());
                throw refusal(destination, response.statusCode(), bytes);
            }
            Object parsed = org.weft.core.json.Json.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            if (parsed instanceof java.util.Map<?, ?> map) {
                return (java.util.Map<String, Object>) map;
            }
            throw unreachable(destination);
        } catch (IOException | org.weft.core.json.JsonSyntaxException e) {
            LOG.debugf("%s %s on %s: unreadable answer: %s", method, pathAndQuery, destination, e.toString());
            throw unreachable(destination);
        }
    }

    /**
     * What the other server's refusal means for our caller: its own {@code 403} and {@code 404} are
     * passed on (a room that does not let our user in, one it does not know), as is an incompatible
     * room version; anything else is the remote server's trouble, {@code 502}.
     */
    static MatrixException refusal(ServerName destination, int status, byte[] body) {
        Object error = null;
        Object errcode = null;
        try {
            if (org.weft.core.json.Json.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                    instanceof java.util.Map<?, ?> map) {
                error = map.get("error");
                errcode = map.get("errcode");
            }
        } catch (org.weft.core.json.JsonSyntaxException e) {
            // not a Matrix error: the status alone decides
        }
        String says = destination + " refused: " + (error instanceof String text ? text : "status " + status);
        if (status == 403) {
            return MatrixException.forbidden(says);
        }
        if (status == 404) {
            return MatrixException.notFound(says);
        }
        if (status == 400 && ErrCode.M_INCOMPATIBLE_ROOM_VERSION.name().equals(errcode)) {
            return new MatrixException(ErrCode.M_INCOMPATIBLE_ROOM_VERSION, 400, says, java.util.Map.of());
        }
        return unreachable(destination);
    }

    /** 502: the remote server's trouble is not relayed verbatim (architecture: error model). */
    public static MatrixException unreachable(ServerName destination) {
        return new MatrixException(ErrCode.M_UNKNOWN, 502, "Could not reach " + destination, java.util.Map.of());
    }
}
