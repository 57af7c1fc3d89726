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
 * Server"); and the asking side: when a server cannot be reached, the trusted notaries
 * (weft.federation.trusted_key_servers) are asked instead.
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
            fetched = fromNotaries(server, now);
        }
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

    /**
     * Asks the trusted notaries (weft.federation.trusted_key_servers) in turn for the server's keys
     * (server-server API, "Querying Keys Through Another Server"). An answer counts only with the
     * server's own signature by every key it lists ({@link PublishedKeys#verify}) and the notary's
     * signature by a key of the notary's that Weft holds or can fetch.
     */
    private Fetched fromNotaries(ServerName server, long now) {
        for (String notaryName : FederationPolicy.patterns(settings.federation().trustedKeyServers())) {
            ServerName notary;
            try {
                notary = ServerName.parse(notaryName);
            } catch (IllegalArgumentException e) {
                LOG.warnf("weft.federation.trusted_key_servers names %s, which is not a server name", notaryName);
                continue;
            }
            if (notary.equals(server) || !policy.allows(notary)) {
                continue;
            }
            Map<String, Object> answer = post(notary, "/_matrix/key/v2/query",
                    Map.of("server_keys", Map.of(server.toString(), Map.of())));
            if (answer == null || !(answer.get("server_keys") instanceof java.util.List<?> responses)) {
                continue;
            }
            for (Object item : responses) {
                if (item instanceof Map<?, ?> raw && server.toString().equals(raw.get("server_name"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> response = (Map<String, Object>) raw;
                    Fetched vouched = vouchedFor(server, notary, response, now);
                    if (vouched != null) {
                        LOG.debugf("Keys of %s from notary %s", server, notary);
                        return vouched;
                    }
                }
            }
        }
        return null;
    }

    private Fetched vouchedFor(ServerName server, ServerName notary, Map<String, Object> response, long now) {
        try {
            PublishedKeys keys = PublishedKeys.verify(response, server.toString(), now);
            if (!(response.get("signatures") instanceof Map<?, ?> signatures)
                    || !(signatures.get(notary.toString()) instanceof Map<?, ?> byNotary)) {
                return null;
            }
            for (Object keyId : byNotary.keySet()) {
                Optional<byte[]> notaryKey = keyAt(notary, String.valueOf(keyId), now, true);
                if (notaryKey.isPresent() && org.weft.core.crypto.JsonSigning.verify(response, notary.toString(),
                        String.valueOf(keyId), notaryKey.get())) {
                    // Stored without the notary's signature: what we keep, and serve, is the server's word.
                    Map<String, Object> own = new java.util.LinkedHashMap<>(response);
                    own.put("signatures", Map.of(server.toString(), signatures.get(server.toString())));
                    return new Fetched(keys, own);
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.infof("Notary %s gave unusable keys for %s: %s", notary, server, e.getMessage());
        }
        return null;
    }

    /** A POST of JSON to another server's unauthenticated key API; null on any failure. */
    private Map<String, Object> post(ServerName server, String path, Map<String, Object> body) {
        try {
            HttpResponse<InputStream> response = http.client().send(
                    java.net.http.HttpRequest.newBuilder(resolver.resolve(server).resolve(path))
                            .timeout(java.time.Duration.ofMillis(settings.federation().requestTimeoutMs()))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> json = Json.parse(in.readNBytes(4_194_304)) instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : null;
                return json;
            }
        } catch (IOException | RuntimeException e) {
            LOG.infof("Could not ask %s for keys: %s", server, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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

    /**
     * Keys for the signature checks of a room's events: each valid at the event's
     * {@code origin_server_ts} from room version 5 ("Signing key validity period"), at any time before.
     */
    public org.weft.core.pdu.VerifyKeys forRoom(org.weft.core.event.RoomVersion version) {
        return (server, keyId, atMillis) -> {
            try {
                return keyAt(ServerName.parse(server), keyId, atMillis, version.enforceKeyValidity()).orElse(null);
            } catch (IllegalArgumentException | org.weft.core.error.MatrixException e) {
                return null;
            }
        };
    }
}
