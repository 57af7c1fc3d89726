package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.federation.ServerAcl;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.FederationSettings;
import org.weft.ejb.config.WeftSettings;

/**
 * Which servers Weft federates with, as the operator set it: federation on or off
 * ({@code weft.federation.enabled}), an allow list and a deny list of server name patterns
 * ({@code weft.federation.allowed_servers}, {@code weft.federation.denied_servers}; globs matched
 * as in room server ACLs, {@link ServerAcl#matchesAny}). Intranets often federate only with named
 * partners. Applied to every request another server makes ({@link FederationAuthenticator}) and
 * to every request Weft makes to one ({@link FederationHttp}, {@link RemoteServerKeys}).
 */
@ApplicationScoped
public class FederationPolicy {

    @Inject
    WeftSettings settings;

    /** Whether Weft may federate with {@code server}. */
    public boolean allows(ServerName server) {
        FederationSettings federation = settings.federation();
        if (!federation.enabled()) {
            return false;
        }
        List<String> allowed = patterns(federation.allowedServers());
        if (!allowed.isEmpty() && !ServerAcl.matchesAny(allowed, server)) {
            return false;
        }
        return !ServerAcl.matchesAny(patterns(federation.deniedServers()), server);
    }

    /** @throws MatrixException 403 M_FORBIDDEN, saying why, when Weft does not federate with the server */
    public void requireAllowed(ServerName server) {
        if (!settings.federation().enabled()) {
            throw new MatrixException(ErrCode.M_FORBIDDEN, "Federation is disabled on this server");
        }
        if (!allows(server)) {
            throw new MatrixException(ErrCode.M_FORBIDDEN, "This server does not federate with " + server);
        }
    }

    static List<String> patterns(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }
}
