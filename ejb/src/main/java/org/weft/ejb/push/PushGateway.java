package org.weft.ejb.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.net.TlsClients;

/**
 * Posts notifications to push gateways (push gateway API, {@code POST /_matrix/push/v1/notify}) and
 * reads their answer: delivered (with the pushkeys the gateway rejected), worth a retry (no
 * answer, 5xx, 429), or not (other 4xx: the request itself is wrong, resending will not help).
 */
@ApplicationScoped
public class PushGateway {

    private static final Logger LOG = Logger.getLogger(PushGateway.class);

    /** What became of one request. */
    public enum Result { DELIVERED, RETRY, DROP }

    /** The result and, when delivered, the rejected pushkeys. */
    public record Answer(Result result, List<String> rejected) {
    }

    @Inject
    WeftSettings settings;

    private final TlsClients clients = new TlsClients(
            () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)),
            "weft.push.verify_tls is false: push gateways' certificates are not checked");

    public Answer post(String url, Map<String, Object> notification) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(settings.push().requestTimeoutMs()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("notification", notification)))).build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.debugf("Push gateway %s unreachable: %s", url, e.toString());
            return new Answer(Result.RETRY, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Result.RETRY, List.of());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(Result.DELIVERED, rejected(response.body()));
        }
        LOG.debugf("Push gateway %s answered HTTP %d", url, status);
        return new Answer(status >= 500 || status == 429 ? Result.RETRY : Result.DROP, List.of());
    }

    private static List<String> rejected(String body) {
        try {
            if (Json.parse(body) instanceof Map<?, ?> json && json.get("rejected") instanceof List<?> keys) {
                return keys.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            }
        } catch (RuntimeException notJson) {
            // a gateway that says nothing useful rejected nothing
        }
        return List.of();
    }

    private HttpClient client() {
        return clients.client(settings.push().verifyTls());
    }
}
