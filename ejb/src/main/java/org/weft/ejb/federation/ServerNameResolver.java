package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.net.AddressRanges;

/**
 * Finds where a server name's federation API lives (server-server API, "Resolving server names"):
 * IP literals and explicit ports directly; otherwise {@code /.well-known/matrix/server} (cached per
 * its Cache-Control, 24 hours by default, 48 at most, failures for an hour), then the
 * {@code _matrix-fed._tcp} and deprecated {@code _matrix._tcp} SRV records, then port 8448.
 *
 * <p>Departure, recorded in the README: Java's HTTP client checks the certificate against the
 * host it connects to and sends that host in {@code Host}. For an SRV answer that host is the SRV
 * target, where the spec asks for the certificate and Host of the name before the lookup.
 */
@ApplicationScoped
public class ServerNameResolver {

    private static final Logger LOG = Logger.getLogger(ServerNameResolver.class);
    private static final int DEFAULT_PORT = 8448;
    private static final long DEFAULT_CACHE_MS = 24L * 3600_000;
    private static final long MAX_CACHE_MS = 48L * 3600_000;
    private static final long ERROR_CACHE_MS = 3600_000;
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    /** Where to send requests: scheme, host and port of the federation API. */
    public record Destination(URI base) {
        public URI resolve(String pathAndQuery) {
            return URI.create(base + pathAndQuery);
        }
    }

    private record WellKnown(Optional<String> delegated, long expiresAt) {
    }

    private final Map<String, WellKnown> wellKnownCache = new ConcurrentHashMap<>();
    private volatile boolean srvUnavailableLogged;

    @Inject
    FederationHttp http;

    @Inject
    WeftSettings settings;

    /**
     * Where to reach {@code server}, by the spec's steps.
     *
     * @throws MatrixException 403 M_FORBIDDEN when the server, or where it delegates to, resolves to
     *         an address in weft.federation.denied_ranges (checked before any request, the
     *         well-known lookup included)
     */
    public Destination resolve(ServerName server) {
        checkReachable(server.host());
        Destination destination = locate(server);
        checkReachable(destination.base().getHost());
        return destination;
    }

    private Destination locate(ServerName server) {
        if (isIpLiteral(server.host()) || server.port() != null) {
            return at(server.host(), server.port() == null ? DEFAULT_PORT : server.port());
        }
        Optional<String> delegated = wellKnown(server.host());
        if (delegated.isPresent()) {
            ServerName target = parseOrNull(delegated.get());
            if (target != null) {
                if (isIpLiteral(target.host()) || target.port() != null) {
                    return at(target.host(), target.port() == null ? DEFAULT_PORT : target.port());
                }
                return srv(target.host()).orElseGet(() -> at(target.host(), DEFAULT_PORT));
            }
        }
        return srv(server.host()).orElseGet(() -> at(server.host(), DEFAULT_PORT));
    }

    private static ServerName parseOrNull(String text) {
        try {
            return ServerName.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // spec: an invalid m.server counts as no answer
        }
    }

    private Optional<String> wellKnown(String host) {
        long now = System.currentTimeMillis();
        WellKnown cached = wellKnownCache.get(host);
        if (cached != null && cached.expiresAt() > now) {
            return cached.delegated();
        }
        WellKnown fresh;
        try {
            HttpResponse<String> response = http.client().send(HttpRequest.newBuilder(
                    URI.create("https://" + host + "/.well-known/matrix/server")).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            Optional<String> server = response.statusCode() == 200 ? mServer(response.body()) : Optional.empty();
            long ttl = server.isEmpty() ? ERROR_CACHE_MS : cacheTime(response.headers().firstValue("Cache-Control"));
            fresh = new WellKnown(server, now + ttl);
        } catch (java.io.IOException | IllegalArgumentException e) {
            fresh = new WellKnown(Optional.empty(), now + ERROR_CACHE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        wellKnownCache.put(host, fresh);
        return fresh.delegated();
    }

    private static Optional<String> mServer(String body) {
        try {
            if (Json.parse(body) instanceof Map<?, ?> json && json.get("m.server") instanceof String server
                    && !server.isBlank()) {
                return Optional.of(server.trim());
            }
        } catch (RuntimeException invalid) {
            // spec: an invalid response is as good as none
        }
        return Optional.empty();
    }

    static long cacheTime(Optional<String> cacheControl) {
        if (cacheControl.isPresent()) {
            Matcher m = MAX_AGE.matcher(cacheControl.get());
            if (m.find()) {
                try {
                    return Math.min(MAX_CACHE_MS, Long.parseLong(m.group(1)) * 1000);
                } catch (NumberFormatException tooBig) {
                    return MAX_CACHE_MS;
                }
            }
        }
        return DEFAULT_CACHE_MS;
    }

    /** The preferred SRV target of {@code _matrix-fed._tcp}, else of the deprecated {@code _matrix._tcp}. */
    private Optional<Destination> srv(String host) {
        for (String service : new String[] {"_matrix-fed._tcp.", "_matrix._tcp."}) {
            Optional<Destination> found = srvLookup(service + host);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Destination> srvLookup(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        try {
            InitialDirContext dns = new InitialDirContext(env);
            try {
                Attribute records = dns.getAttributes(name, new String[] {"SRV"}).get("SRV");
                if (records == null || records.size() == 0) {
                    return Optional.empty();
                }
                // Lowest priority first, then highest weight (RFC 2782 without the random pick).
                String best = null;
                for (int i = 0; i < records.size(); i++) {
                    String record = String.valueOf(records.get(i));
                    if (best == null || SRV_ORDER.compare(record, best) < 0) {
                        best = record;
                    }
                }
                String[] parts = best.trim().split("\\s+");
                String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
                return target.isEmpty() ? Optional.empty() : Optional.of(at(target, Integer.parseInt(parts[2])));
            } finally {
                dns.close();
            }
        } catch (javax.naming.NoInitialContextException e) {
            if (!srvUnavailableLogged) {
                srvUnavailableLogged = true; // say it once: it is the server's setup, not the remote's
                LOG.warnf("SRV lookups are unavailable (%s); servers are found by .well-known and port 8448 only",
                        e.getMessage());
            }
            return Optional.empty();
        } catch (NamingException | RuntimeException e) {
            LOG.debugf("No SRV record %s: %s", name, e.getMessage());
            return Optional.empty();
        }
    }

    private static final Comparator<String> SRV_ORDER = Comparator
            .comparingInt((String r) -> Integer.parseInt(r.trim().split("\\s+")[0]))
            .thenComparing(r -> -Integer.parseInt(r.trim().split("\\s+")[1]));

    /**
     * Refuses a host that resolves to an address in weft.federation.denied_ranges. The HTTP client
     * resolves the name again to connect, so a DNS answer that changes in between is not caught
     * (docs/known-limits.md); a name that does not resolve is left for the request to fail.
     */
    private void checkReachable(String host) {
        String denied = settings.federation().deniedRanges();
        if (denied.isBlank()) {
            return;
        }
        AddressRanges ranges;
        try {
            ranges = AddressRanges.denying(denied);
        } catch (IllegalArgumentException e) {
            LOG.errorf("weft.federation.denied_ranges is malformed (%s): no request to another server is made",
                    e.getMessage());
            throw refused(host);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!ranges.permits(address)) {
                throw refused(host);
            }
        }
    }

    private static MatrixException refused(String host) {
        return new MatrixException(ErrCode.M_FORBIDDEN, "Weft may not connect to " + host
                + " (weft.federation.denied_ranges)");
    }

    private static Destination at(String host, int port) {
        return new Destination(URI.create("https://" + host + ":" + port));
    }

    static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
