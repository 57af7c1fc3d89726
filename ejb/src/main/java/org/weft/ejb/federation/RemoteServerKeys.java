package org.weft.ejb.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.weft.core.federation.PublishedKeys;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.keys.ServerKeys;

/**
 * Other servers' signing keys (server-server API, "Retrieving server keys"), fetched from the
 * server itself at {@code /_matrix/key/v2/server}, checked ({@link PublishedKeys#verify}) and kept
 * in memory until their {@code valid_until_ts} (at most 7 days). A server that cannot be reached
 * is not asked again for a minute, so a flood of requests claiming to be from it costs one fetch.
 *
 * <p>Not yet: asking notary servers ({@code /_matrix/key/v2/query}) when the server itself is
 * down, and keeping fetched keys in the database (each node of a cluster fetches its own).
 */
@ApplicationScoped
public class RemoteServerKeys {

    private static final Logger LOG = Logger.getLogger(RemoteServerKeys.class);
    private static final long FAILURE_BACKOFF_MS = 60_000;

    private record Fetched(PublishedKeys keys, long failedAt) {
    }

    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();

    @Inject
    FederationHttp http;

    @Inject
    ServerNameResolver resolver;

    @Inject
    WeftSettings settings;

    @EJB
    ServerKeys ourKeys;

    /** The public key {@code keyId} of {@code server} valid now, if it can be had. */
    public Optional<byte[]> verifyKey(ServerName server, String keyId) {
        String name = server.toString();
        if (name.equals(settings.serverName().toString())) {
            return ourKeys.signingKey().keyId().equals(keyId) ? Optional.of(ourKeys.signingKey().publicKey())
                    : Optional.empty();
        }
        long now = System.currentTimeMillis();
        Fetched known = cache.get(name);
        if (known != null && known.keys() != null && known.keys().validUntilTs() > now
                && known.keys().verifyKeys().containsKey(keyId)) {
            return Optional.of(known.keys().verifyKeys().get(keyId));
        }
        if (known != null && known.keys() == null && now - known.failedAt() < FAILURE_BACKOFF_MS) {
            return Optional.empty();
        }
        // Unknown key ID or expired keys: the server may have rotated; ask it again.
        Fetched fresh = fetch(server, now);
        cache.put(name, fresh);
        return fresh.keys() == null ? Optional.empty() : Optional.ofNullable(fresh.keys().verifyKeys().get(keyId));
    }

    private Fetched fetch(ServerName server, long now) {
        try {
            HttpResponse<InputStream> response = http.client().send(
                    java.net.http.HttpRequest.newBuilder(resolver.resolve(server).resolve("/_matrix/key/v2/server"))
                            .timeout(java.time.Duration.ofMillis(settings.federation().requestTimeoutMs())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(1_048_576);
                if (!(Json.parse(bytes) instanceof Map<?, ?> json)) {
                    throw new IOException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) json;
                PublishedKeys keys = PublishedKeys.verify(object, server.toString(), now);
                LOG.debugf("Fetched keys %s of %s", keys.verifyKeys().keySet(), server);
                return new Fetched(keys, 0);
            }
        } catch (IOException | RuntimeException e) {
            LOG.infof("Could not fetch the keys of %s: %s", server, e.getMessage());
            return new Fetched(null, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched(null, now);
        }
    }
}
