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
 * in the database ({@link ServerKeyStore}): current keys with their validity, old keys with their
 * expiry, so that an event is checked against the key that signed it, after a restart and after
 * the server changed keys. A server is asked at most once a minute, so a flood of requests or
 * events naming keys it does not have costs one fetch.
 *
 * <p>Also the notary side: {@link #notaryAnswer} gives a server's last response, fetched again
 * when it is too old for the asker, with Weft's signature added ("Querying Keys Through Another
 * Server"). Not yet: asking notaries when a server itself cannot be reached.
 */
@ApplicationScoped
public class RemoteServerKeys {

    private static final Logger LOG = Logger.getLogger(RemoteServerKeys.class);
    /**
     * How long after a fetch, failed or not, the same server is not asked again: a flood of
     * requests or events naming unknown keys or times outside a key's validity costs one fetch a
     * minute per server.
     */
    private static final long REFETCH_AFTER_MS = 60_000;

    private record Fetched(PublishedKeys keys, Map<String, Object> response) {
    }

    /** Keys read or fetched, by server and key ID: request authentication reads them constantly. */
    private final Map<String, ServerKeyStore.StoredKey> known = new ConcurrentHashMap<>();
    private final Map<String, Long> lastFetch = new ConcurrentHashMap<>();

    @Inject
    FederationHttp http;

    @Inject
    ServerNameResolver resolver;

    @Inject
    WeftSettings settings;

    @EJB
    ServerKeys ourKeys;

    @EJB
    ServerKeyStore store;

    @Inject
    FederationPolicy policy;

    /** The public key {@code keyId} of {@code server} valid now (request authentication). */
    public Optional<byte[]> verifyKey(ServerName server, String keyId) {
        return keyAt(server, keyId, System.currentTimeMillis(), true);
    }

    /**
     * The public key {@code keyId} of {@code server} that may verify something signed at
     * {@code atMillis}: an old key before its expiry, a current one within its validity when
     * {@code enforceValidity} (room versions 5 and later), at any time otherwise.
     */
    public Optional<byte[]> keyAt(ServerName server, String keyId, long atMillis, boolean enforceValidity) {
        String name = server.toString();
        if (name.equals(settings.serverName().toString())) {
            return ourKeys.signingKey().keyId().equals(keyId) ? Optional.of(ourKeys.signingKey().publicKey())
                    : Optional.empty();
        }
        String cacheKey = name + " " + keyId;
        ServerKeyStore.StoredKey key = known.get(cacheKey);
        if (key == null) {
            key = store.key(name, keyId).orElse(null);
            if (key != null) {
                known.put(cacheKey, key);
            }
        }
        if (key != null && key.validAt(atMillis, enforceValidity)) {
            return Optional.of(key.publicKey());
        }
        // Unknown key ID or no longer valid: the server may have rotated or renewed; ask it again.
        if (fetchAndStore(server) == null) {
            return Optional.empty();
        }
        key = store.key(name, keyId).orElse(null);
        if (key == null) {
            return Optional.empty();
        }
        known.put(cacheKey, key);
        return key.validAt(atMillis, enforceValidity) ? Optional.of(key.publicKey()) : Optional.empty();
    }

    /**
     * The notary's answer for {@code server}: its last response, valid until at least
     * {@code minimumValidUntil} if it can be had (fetched again otherwise), with Weft's signature
     * added; our own keys as we publish them. Empty when nothing is known and the server cannot be
     * reached.
     */
    public Optional<Map<String, Object>> notaryAnswer(ServerName server, long minimumValidUntil) {
        String name = server.toString();
        String us = settings.serverName().toString();
        if (name.equals(us)) {
            return Optional.of(PublishedKeys.publish(us, ourKeys.signingKey(),
                    System.currentTimeMillis() + settings.federation().keyValidityMs()));
        }
        Optional<ServerKeyStore.StoredResponse> stored = store.response(name);
        Map<String, Object> response = stored.map(ServerKeyStore.StoredResponse::json).orElse(null);
        long needed = Math.max(minimumValidUntil, System.currentTimeMillis());
        if (stored.isEmpty() || stored.get().validUntilTs() < needed) {
            Fetched fresh = fetchAndStore(server);
            if (fresh != null) {
                response = fresh.response();
            }
        }
        return response == null ? Optional.empty()
                : Optional.of(PublishedKeys.countersign(response, us, ourKeys.signingKey()));
    }

    /**
     * Fetches, verifies and stores the server's keys; null when that fails or the server was asked
     * less than {@link #REFETCH_AFTER_MS} ago.
     */
    private Fetched fetchAndStore(ServerName server) {
        if (!policy.allows(server)) {
            return null;
        }
        String name = server.toString();
        long now = System.currentTimeMillis();
        Long last = lastFetch.get(name);
        if (last != null && now - last < REFETCH_AFTER_MS) {
            return null;
        }
        lastFetch.put(name, now);
        Fetched fetched = fetch(server, now);
        if (fetched == null) {
            return null;
        }
        try {
            store.save(fetched.keys(), fetched.response(), now);
        } catch (RuntimeException e) {
            // A concurrent fetch of the same server stored it first; theirs is as good.
            LOG.debugf("Keys of %s not stored: %s", name, e.getMessage());
        }
        known.keySet().removeIf(k -> k.startsWith(name + " "));
        return fetched;
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
                return new Fetched(keys, object);
            }
        } catch (IOException | RuntimeException e) {
            LOG.infof("Could not fetch the keys of %s: %s", server, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
