package org.weft.ejb.federation.e2e;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.e2e.E2eKeysService;
import org.weft.ejb.federation.FederationHttp;

/**
 * The client's {@code POST /keys/query} and {@code /keys/claim} when they name other servers'
 * users (client-server API, end-to-end encryption module): local users are answered here; other
 * servers are asked all at once ({@code /user/keys/query}, {@code /user/keys/claim}, or
 * {@code /user/devices} for users who share a room here, whose list is then kept and updated by
 * EDUs: {@link RemoteDeviceLists}). A server that does not answer within the request's
 * {@code timeout} is named in {@code failures}, and the rest is answered.
 */
@ApplicationScoped
public class CrossServerKeys {

    private static final Logger LOG = Logger.getLogger(CrossServerKeys.class);

    /** Spec: "The time (in milliseconds) to wait when downloading keys from remote servers. 10 seconds is the recommended default." */
    public static final long DEFAULT_TIMEOUT_MS = 10_000;

    @EJB
    E2eKeysService local;

    @EJB
    RemoteDeviceLists lists;

    @Inject
    FederationHttp http;

    @Inject
    WeftSettings settings;

    @Resource
    ManagedExecutorService executor;

    /** POST /keys/query. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> query(String requesterId, Map<String, Object> deviceKeys, long timeoutMs) {
        Map<String, Object> localUsers = new LinkedHashMap<>();
        Map<String, Map<String, Object>> byServer = new TreeMap<>();
        for (Map.Entry<String, Object> asked : deviceKeys.entrySet()) {
            if (!(asked.getValue() instanceof List<?>)) {
                throw MatrixException.badJson("device_keys." + asked.getKey() + " must be a list of device IDs");
            }
            String server = serverOf(asked.getKey());
            if (server == null || isUs(server)) {
                localUsers.put(asked.getKey(), asked.getValue());
            } else {
                byServer.computeIfAbsent(server, s -> new LinkedHashMap<>()).put(asked.getKey(), asked.getValue());
            }
        }
        Map<String, Object> answer = mutable(local.query(requesterId, localUsers));
        Map<String, Object> failures = new LinkedHashMap<>((Map<String, Object>) answer.get("failures"));
        Map<String, Future<Map<String, Object>>> asking = new LinkedHashMap<>();
        byServer.forEach((server, users) -> asking.put(server, executor.submit(() -> askQuery(server, users))));
        collect(asking, timeoutMs, failures, part -> {
            for (String section : List.of("device_keys", "master_keys", "self_signing_keys")) {
                if (part.get(section) instanceof Map<?, ?> entries) {
                    ((Map<String, Object>) answer.get(section)).putAll((Map<String, Object>) entries);
                }
            }
        });
        answer.put("failures", failures);
        return answer;
    }

    /** POST /keys/claim. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> claim(Map<String, Object> oneTimeKeys, long timeoutMs) {
        Map<String, Object> localUsers = new LinkedHashMap<>();
        Map<String, Map<String, Object>> byServer = new TreeMap<>();
        oneTimeKeys.forEach((userId, devices) -> {
            String server = serverOf(userId);
            (server == null || isUs(server) ? localUsers : byServer.computeIfAbsent(server, s -> new LinkedHashMap<>()))
                    .put(userId, devices);
        });
        Map<String, Object> answer = new LinkedHashMap<>(local.claim(localUsers));
        Map<String, Object> claimed = new LinkedHashMap<>((Map<String, Object>) answer.get("one_time_keys"));
        Map<String, Object> failures = new LinkedHashMap<>();
        Map<String, Future<Map<String, Object>>> asking = new LinkedHashMap<>();
        byServer.forEach((server, users) -> asking.put(server, executor.submit(() ->
                http.json("POST", ServerName.parse(server), "/_matrix/federation/v1/user/keys/claim",
                        Map.of("one_time_keys", users)))));
        collect(asking, timeoutMs, failures, part -> {
            if (part.get("one_time_keys") instanceof Map<?, ?> keys) {
                claimed.putAll((Map<String, Object>) keys);
            }
        });
        answer.put("one_time_keys", claimed);
        answer.put("failures", failures);
        return answer;
    }

    /**
     * One server's part of a query: users who share a room here through their device list (kept
     * or fetched with /user/devices), the others with one /user/keys/query.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> askQuery(String server, Map<String, Object> users) {
        ServerName destination = ServerName.parse(server);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("device_keys", new LinkedHashMap<>());
        part.put("master_keys", new LinkedHashMap<>());
        part.put("self_signing_keys", new LinkedHashMap<>());
        Map<String, Object> untracked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> user : users.entrySet()) {
            Map<String, Object> list = lists.current(user.getKey());
            if (list == null && lists.tracks(user.getKey())) {
                list = http.json("GET", destination, "/_matrix/federation/v1/user/devices/"
                        + URLEncoder.encode(user.getKey(), StandardCharsets.UTF_8).replace("+", "%20"), null);
                lists.store(user.getKey(), list);
            }
            if (list == null) {
                untracked.put(user.getKey(), user.getValue());
            } else {
                DeviceListAnswers.addTo(part, user.getKey(), list, (List<Object>) user.getValue());
            }
        }
        if (!untracked.isEmpty()) {
            Map<String, Object> answer = http.json("POST", destination, "/_matrix/federation/v1/user/keys/query",
                    Map.of("device_keys", untracked));
            for (String section : List.of("device_keys", "master_keys", "self_signing_keys")) {
                if (answer.get(section) instanceof Map<?, ?> entries) {
                    entries.forEach((userId, value) -> {
                        if (untracked.containsKey(userId)) { // only what was asked, of that server's users
                            ((Map<String, Object>) part.get(section)).put((String) userId, value);
                        }
                    });
                }
            }
        }
        return part;
    }

    /** Waits for the servers' answers until one deadline; those that fail or are late go into {@code failures}. */
    private void collect(Map<String, Future<Map<String, Object>>> asking, long timeoutMs, Map<String, Object> failures,
                         java.util.function.Consumer<Map<String, Object>> merge) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
        asking.forEach((server, answer) -> {
            try {
                merge.accept(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                answer.cancel(true);
                failures.put(server, Map.of("status", 504, "message", "No answer from " + server + " in time"));
            } catch (ExecutionException e) {
                LOG.debugf("Key request to %s failed: %s", server, e.getCause());
                failures.put(server, Map.of("status", 503, "message", "Could not reach " + server));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(server, Map.of("status", 503, "message", "Interrupted"));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Map<String, Object> answer) {
        Map<String, Object> copy = new LinkedHashMap<>();
        answer.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map) : value));
        return copy;
    }

    private boolean isUs(String server) {
        return server.equals(settings.serverName().toString());
    }

    static String serverOf(String userId) {
        int colon = userId.indexOf(':');
        return colon < 0 ? null : userId.substring(colon + 1);
    }
}
