package org.weft.ejb.sso;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.KerberosSettings;

/**
 * Accepts a browser's SPNEGO token (RFC 4559, "Authorization: Negotiate ...") with the JDK's
 * GSS-API and Kerberos, as WildFly Elytron's SPNEGO mechanism does (ADR 0017): Weft's service
 * principal logs in from its keytab once (no KDC is asked: an acceptor only decrypts the ticket the
 * browser brought), and each token is accepted in a fresh context. Single round: Kerberos needs no
 * second leg; NTLM, which would, is refused.
 */
@ApplicationScoped
public class SpnegoAcceptor {

    private static final Logger LOG = Logger.getLogger(SpnegoAcceptor.class);
    private static final String SPNEGO = "1.3.6.1.5.5.2";
    private static final String KERBEROS = "1.2.840.113554.1.2.2";

    private volatile KerberosSettings loggedInAs;
    private volatile Subject service;

    /** Whether the service principal can log in from its keytab: Kerberos can be offered. */
    public boolean isAvailable(KerberosSettings kerberos) {
        if (!kerberos.enabled() || kerberos.principal().isEmpty() || kerberos.keytab().isEmpty()) {
            return false;
        }
        try {
            serviceSubject(kerberos);
            return true;
        } catch (LoginException e) {
            return false;
        }
    }

    /**
     * The client principal ({@code alice@CORP.EXAMPLE}) the token proves; 403 M_FORBIDDEN for a
     * token that proves nothing (malformed, for another service, expired, replayed, NTLM).
     */
    public String accept(KerberosSettings kerberos, byte[] token) {
        if (KerberosNames.isNtlm(token)) {
            LOG.info("Kerberos sign-in refused: the browser offered NTLM (no Kerberos ticket for this host)");
            throw MatrixException.forbidden("Your computer could not get a Kerberos ticket for this server");
        }
        try {
            Subject subject = serviceSubject(kerberos);
            return Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSCredential credential = manager.createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
                        new Oid[] {new Oid(SPNEGO), new Oid(KERBEROS)}, GSSCredential.ACCEPT_ONLY);
                GSSContext context = manager.createContext(credential);
                try {
                    context.acceptSecContext(token, 0, token.length);
                    if (!context.isEstablished()) {
                        throw refused("the negotiation needs another round, which only NTLM does");
                    }
                    return context.getSrcName().toString();
                } finally {
                    context.dispose();
                }
            });
        } catch (LoginException e) {
            LOG.warnf("Kerberos sign-in unavailable: %s cannot log in from %s: %s", kerberos.principal(),
                    kerberos.keytab(), e.getMessage());
            throw MatrixException.unavailable("Kerberos sign-in is not available");
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof MatrixException m) {
                throw m;
            }
            throw refused(e.getException() instanceof GSSException g ? g.getMessage() : e.getException().toString());
        }
    }

    private static MatrixException refused(String why) {
        LOG.infof("Kerberos sign-in refused: %s", why);
        return MatrixException.forbidden("The Kerberos ticket was not accepted");
    }

    private Subject serviceSubject(KerberosSettings kerberos) throws LoginException {
        Subject known = service;
        if (known != null && kerberos.equals(loggedInAs)) {
            return known;
        }
        synchronized (this) {
            if (service != null && kerberos.equals(loggedInAs)) {
                return service;
            }
            if (!kerberos.krb5Conf().isEmpty()) {
                // The JDK reads one krb5.conf per JVM; a setting naming one makes it this server's.
                System.setProperty("java.security.krb5.conf", kerberos.krb5Conf());
            }
            Configuration keytabLogin = new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                    return new AppConfigurationEntry[] {new AppConfigurationEntry(
                            "com.sun.security.auth.module.Krb5LoginModule",
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                            Map.of("useKeyTab", "true", "keyTab", kerberos.keytab(), "principal", kerberos.principal(),
                                    "storeKey", "true", "isInitiator", "false", "doNotPrompt", "true",
                                    "refreshKrb5Config", "true"))};
                }
            };
            LoginContext login = new LoginContext("weft-spnego", new Subject(), null, keytabLogin);
            login.login();
            service = login.getSubject();
            loggedInAs = kerberos;
            LOG.infof("Kerberos sign-in ready as %s", kerberos.principal());
            return service;
        }
    }
}
