package org.weft.ejb.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jboss.logging.Logger;
import org.weft.core.id.ServerName;

/**
 * Every Weft setting, read from WildFly system properties named {@code weft.*}. The
 * standalone-config script {@code weft.cli} defines each one with its documented default, and the
 * README lists them; the defaults here only matter on a server configured without that script.
 *
 * <p>Values are read when used, not cached at boot, so an operator's
 * {@code /system-property=...:write-attribute} takes effect without a redeploy. A malformed value
 * is logged and replaced by the default rather than failing requests.
 */
@ApplicationScoped
public class WeftSettings {

    private static final Logger LOG = Logger.getLogger(WeftSettings.class);

    private final UnaryOperator<String> source;
    private final Map<String, Pattern> compiledPatterns = new ConcurrentHashMap<>();
    private final java.util.Set<String> reportedProviderIds = ConcurrentHashMap.newKeySet();

    public WeftSettings() {
        this(System::getProperty);
    }

    /** For tests: settings from any lookup. */
    public WeftSettings(UnaryOperator<String> source) {
        this.source = source;
    }

    public ServerName serverName() {
        String raw = string("weft.server_name", "localhost:8008");
        try {
            return ServerName.parse(raw);
        } catch (IllegalArgumentException e) {
            LOG.errorf("weft.server_name '%s' is not a valid server name; using localhost:8008", raw);
            return ServerName.parse("localhost:8008");
        }
    }

    public String publicBaseUrl() {
        String url = string("weft.public_baseurl", "http://localhost:8008/");
        return url.endsWith("/") ? url : url + "/";
    }

    /** The federation endpoint advertised by /.well-known/matrix/server. */
    public String federationEndpoint() {
        String configured = string("weft.federation.endpoint", "");
        return configured.isEmpty() ? serverName().host() + ":8448" : configured;
    }

    public boolean registrationEnabled() {
        return bool("weft.registration.enabled", true);
    }

    /** Whether signed-in users may make login tokens for another device (POST /login/get_token). */
    public boolean loginTokensForDevicesEnabled() {
        return bool("weft.login.get_token.enabled", false);
    }

    /** How long such a login token stays usable. */
    public long loginTokensForDevicesLifetimeMs() {
        return Math.max(1000, longValue("weft.login.get_token.lifetime_ms", 120_000L));
    }

    public boolean registrationRequiresToken() {
        return bool("weft.registration.requires_token", false);
    }

    /** The shared secret for admin registration; empty when that endpoint is disabled. */
    public Optional<String> registrationSharedSecret() {
        String secret = string("weft.registration.shared_secret", "");
        return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    }

    /** Localparts reserved for application services, or empty when none are. */
    public Optional<Pattern> exclusiveLocalparts() {
        String regex = string("weft.registration.exclusive_localparts", "");
        if (regex.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(compiledPatterns.computeIfAbsent(regex, Pattern::compile));
        } catch (PatternSyntaxException e) {
            LOG.errorf("weft.registration.exclusive_localparts is not a valid regex: %s", e.getMessage());
            return Optional.empty();
        }
    }

    public PasswordPolicySettings passwordPolicy() {
        return new PasswordPolicySettings(
                integer("weft.password.min_length", 8),
                bool("weft.password.require_digit", false),
                bool("weft.password.require_symbol", false),
                bool("weft.password.require_lowercase", false),
                bool("weft.password.require_uppercase", false));
    }

    public MediaSettings media() {
        String dataDir = string("weft.data_dir", System.getProperty("jboss.server.data.dir", ".") + "/weft");
        return new MediaSettings(java.nio.file.Path.of(string("weft.media.dir", dataDir + "/media")),
                Math.max(1, longValue("weft.media.max_upload_bytes", 52_428_800L)),
                Math.max(1, longValue("weft.media.max_image_pixels", 32_000_000L)),
                Math.max(0, longValue("weft.media.user_quota_count", 10_000L)),
                Math.max(0, longValue("weft.media.user_quota_bytes", 10_737_418_240L)),
                Math.max(0, integer("weft.media.max_pending_uploads", 10)),
                Math.max(1000, longValue("weft.media.pending_expiry_ms", 86_400_000L)),
                Math.max(0, longValue("weft.media.max_download_wait_ms", 20_000L)),
                bool("weft.media.freeze_unauthenticated", false),
                Math.max(1, longValue("weft.media.max_thumbnail_pixels", 4_000_000L)),
                Math.max(0, longValue("weft.media.remote_cache_max_bytes", 10_737_418_240L)),
                Math.max(0, longValue("weft.media.remote_cache_max_count", 100_000L)));
    }

    /** URL previews (GET /media/preview_url): off unless an operator turns them on. */
    public UrlPreviewSettings urlPreview() {
        return new UrlPreviewSettings(bool("weft.media.url_preview.enabled", false),
                string("weft.media.url_preview.allowed_ranges", ""),
                string("weft.media.url_preview.denied_ranges", ""),
                Math.max(1024, longValue("weft.media.url_preview.max_bytes", 10_485_760L)),
                Math.max(0, longValue("weft.media.url_preview.cache_ms", 3_600_000L)),
                Math.max(100, longValue("weft.media.url_preview.timeout_ms", 10_000L)));
    }

    /** Delivering notifications to push gateways and by email. */
    public PushSettings push() {
        return new PushSettings(bool("weft.push.verify_tls", true),
                Math.max(10, longValue("weft.push.retry_initial_ms", 1000L)),
                Math.max(10, longValue("weft.push.retry_max_ms", 600_000L)),
                Math.max(1000, longValue("weft.push.give_up_after_ms", 86_400_000L)),
                Math.max(100, longValue("weft.push.request_timeout_ms", 10_000L)),
                Math.max(0, longValue("weft.push.email_delay_ms", 600_000L)));
    }

    /** Talking to other homeservers (server-server API). */
    public FederationSettings federation() {
        return new FederationSettings(bool("weft.federation.verify_tls", true),
                Math.max(60_000, longValue("weft.federation.key_validity_ms", 86_400_000L)),
                Math.max(100, longValue("weft.federation.request_timeout_ms", 30_000L)),
                (int) Math.max(1, longValue("weft.federation.key_query_max_servers", 100L)),
                bool("weft.federation.enabled", true),
                string("weft.federation.allowed_servers", ""),
                string("weft.federation.denied_servers", ""),
                string("weft.federation.denied_ranges", ""),
                string("weft.federation.trusted_key_servers", ""),
                (int) Math.min(100, Math.max(1, longValue("weft.federation.missing_events_limit", 20L))),
                Math.max(100, longValue("weft.federation.retry_initial_ms", 5_000L)),
                Math.max(1_000, longValue("weft.federation.retry_max_ms", 3_600_000L)),
                (int) Math.max(1_024, longValue("weft.federation.max_edu_bytes", 65_536L)));
    }

    /** Single sign-on: the redirect allow list, token lifetimes and the OpenID Connect providers. */
    public SsoSettings sso() {
        java.util.List<OidcProviderSettings> providers = new java.util.ArrayList<>();
        for (String id : list("weft.sso.oidc.providers")) {
            if (!isUsableProviderId(id)) {
                continue;
            }
            String p = "weft.sso.oidc." + id + ".";
            providers.add(new OidcProviderSettings(id, string(p + "issuer", ""), string(p + "client_id", ""),
                    string(p + "client_secret", ""), string(p + "name", id), string(p + "icon", ""),
                    string(p + "brand", ""), string(p + "scopes", "openid profile email"),
                    string(p + "localpart_claim", "preferred_username"), string(p + "displayname_claim", "name"),
                    Math.max(100, longValue(p + "timeout_ms", 10_000L))));
        }
        java.util.List<SamlProviderSettings> saml = new java.util.ArrayList<>();
        for (String id : list("weft.sso.saml.providers")) {
            if (!isUsableProviderId(id) || providers.stream().anyMatch(o -> o.id().equals(id))) {
                continue;
            }
            String p = "weft.sso.saml." + id + ".";
            saml.add(new SamlProviderSettings(id, string(p + "name", id), string(p + "idp_entity_id", ""),
                    string(p + "sso_url", ""), string(p + "idp_certificate", ""), string(p + "sp_entity_id", ""),
                    string(p + "localpart_attribute", "uid"), string(p + "displayname_attribute", "displayName"),
                    string(p + "email_attribute", "mail"), Math.max(0, longValue(p + "clock_skew_ms", 120_000L))));
        }
        return new SsoSettings(list("weft.sso.redirect_allowlist"),
                Math.max(1000, longValue("weft.sso.login_token_lifetime_ms", 30_000L)),
                Math.max(10_000, longValue("weft.sso.attempt_lifetime_ms", 600_000L)), providers,
                new KerberosSettings(bool("weft.sso.kerberos.enabled", false),
                        nonBlank("weft.sso.kerberos.name", "Windows sign-in"), string("weft.sso.kerberos.principal", ""),
                        string("weft.sso.kerberos.keytab", ""), string("weft.sso.kerberos.krb5_conf", "")), saml);
    }

    /**
     * "ldap" and "kerberos" name other ways in (a provider under those IDs would sign in their
     * users), and IDs appear in URLs: anything else is logged once and left out.
     */
    private boolean isUsableProviderId(String id) {
        if (!id.equals(LdapSettings.IDP_ID) && !id.equals(KerberosSettings.IDP_ID) && id.matches("[A-Za-z0-9._~-]{1,255}")) {
            return true;
        }
        if (reportedProviderIds.add(id)) {
            LOG.errorf("'%s' cannot be an identity provider ID (reserved, or not A-Z a-z 0-9 . _ ~ -); left out", id);
        }
        return false;
    }

    /** Directory (LDAP, Active Directory) sign-in and deprovisioning. */
    public LdapSettings ldap() {
        return new LdapSettings(bool("weft.ldap.enabled", false), string("weft.ldap.url", "ldap://localhost:389"),
                string("weft.ldap.bind_dn", ""), string("weft.ldap.bind_password", ""),
                string("weft.ldap.user_base_dn", ""), nonBlank("weft.ldap.user_filter", "(&(objectClass=person)(uid={0}))"),
                string("weft.ldap.login_attribute", "uid"), nonBlank("weft.ldap.id_attribute", "entryUUID"),
                string("weft.ldap.displayname_attribute", "cn"),
                string("weft.ldap.email_attribute", "mail"), string("weft.ldap.admin_group_dn", ""),
                string("weft.ldap.disabled_filter", ""), bool("weft.ldap.local_passwords", true),
                Math.max(1000, longValue("weft.ldap.deprovision.interval_ms", 300_000L)),
                "deactivate".equalsIgnoreCase(string("weft.ldap.deprovision.action", "lock")),
                Math.max(100, longValue("weft.ldap.timeout_ms", 5_000L)),
                (int) Math.min(100, Math.max(0, longValue("weft.ldap.deprovision.max_percent", 25L))),
                bool("weft.ldap.starttls", false), string("weft.ldap.trust_certificate", ""));
    }

    /** bcrypt cost, clamped to what bcrypt accepts. */
    public int bcryptCost() {
        return Math.max(4, Math.min(31, integer("weft.password.bcrypt_cost", 12)));
    }

    /** Lifetime of access tokens issued together with a refresh token; 0 means they never expire. */
    public long accessTokenLifetimeMs() {
        return Math.max(0, longValue("weft.access_token.lifetime_ms", 300_000L));
    }

    public boolean rateLimitsEnabled() {
        return bool("weft.ratelimit.enabled", true);
    }

    /** The token bucket of one rate-limited action. */
    public RateLimitSettings rateLimit(String action, double defaultPerSecond, int defaultBurst) {
        String prefix = "weft.ratelimit." + action;
        return new RateLimitSettings(
                decimal(prefix + ".per_second", defaultPerSecond),
                Math.max(1, integer(prefix + ".burst", defaultBurst)));
    }

    /** The room version of new rooms that do not ask for one (spec: servers choose; 10 by default). */
    public String defaultRoomVersion() {
        return string("weft.rooms.default_version", "10");
    }

    /** The longest a /sync request may wait for news (a longer {@code timeout} is cut to this). */
    public long syncMaxTimeoutMs() {
        return Math.max(0, longValue("weft.sync.max_timeout_ms", 300_000L));
    }

    /** The longest a typing notification lasts, whatever {@code timeout} the client asks. */
    public long typingMaxTimeoutMs() {
        return Math.max(1000, longValue("weft.typing.max_timeout_ms", 120_000L));
    }

    /** User directory searches cover every local user, not only those sharing a room with the searcher. */
    public boolean userDirectorySearchAllUsers() {
        return bool("weft.user_directory.search_all_users", false);
    }

    public boolean presenceEnabled() {
        return bool("weft.presence.enabled", true);
    }

    /** Online users inactive this long become unavailable. */
    public long presenceIdleMs() {
        return Math.max(1000, longValue("weft.presence.idle_ms", 300_000L));
    }

    /** Users who neither sync nor act for this long become offline. */
    public long presenceOfflineMs() {
        return Math.max(1000, longValue("weft.presence.offline_ms", 90_000L));
    }

    /**
     * Group commit on the embedded H2 database (ADR 0012): answers wait until their commits are in
     * the database file, written together with the commits of the same moment. Off: H2 writes the
     * file at every commit itself (as durable, slower, and the file is never compacted).
     */
    public boolean groupCommit() {
        return bool("weft.db.group_commit", true);
    }

    /** H2's WRITE_DELAY as configured for the datasource URL (weft.cli); above 0 commits are not durable. */
    public long h2WriteDelayMs() {
        return longValue("weft.db.h2_write_delay_ms", 0L);
    }

    /** How long a group commit waits at most for other transactions still writing. */
    public long groupCommitWindowUs() {
        return Math.max(0, Math.min(100_000, longValue("weft.db.group_commit_window_us", 2000L)));
    }

    public int maxJsonBodyBytes() {
        return Math.max(1024, integer("weft.limits.max_json_body_bytes", 1_048_576));
    }

    private String string(String name, String dflt) {
        String value = source.apply(name);
        return value == null ? dflt : value.trim();
    }

    /** Like {@link #string}, but an empty value means the default too. */
    private String nonBlank(String name, String dflt) {
        String value = string(name, "");
        return value.isEmpty() ? dflt : value;
    }

    /** A comma-separated list, blanks dropped. */
    private java.util.List<String> list(String name) {
        return java.util.Arrays.stream(string(name, "").split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private boolean bool(String name, boolean dflt) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            return dflt;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> malformed(name, value, dflt);
        };
    }

    private int integer(String name, int dflt) {
        return (int) longValue(name, dflt);
    }

    private long longValue(String name, long dflt) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return malformed(name, value, dflt);
        }
    }

    private double decimal(String name, double dflt) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return malformed(name, value, dflt);
        }
    }

    private static <T> T malformed(String name, String value, T dflt) {
        LOG.warnf("Setting %s has malformed value '%s'; using default %s", name, value, dflt);
        return dflt;
    }
}
