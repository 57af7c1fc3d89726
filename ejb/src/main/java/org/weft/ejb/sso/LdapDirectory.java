package org.weft.ejb.sso;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLSocketFactory;
import org.jboss.logging.Logger;
import org.weft.ejb.config.LdapSettings;

/**
 * An LDAP or Active Directory directory, through the JDK's LDAP provider (JNDI; ADR 0017 says why
 * not an Elytron realm): users found by a search as the service account, by login name or by their
 * lasting ID; passwords checked by binding as the user; admins by membership of a group; disabled
 * users by a filter.
 *
 * <p>Search filters take values as JNDI filter arguments ({@code {0}}), which JNDI escapes (RFC
 * 4515), so a name such as {@code *)(uid=*} matches nothing; the ID goes as bytes, which is how
 * Active Directory's binary {@code objectGUID} must be searched. Every request has the configured
 * timeout; a directory that cannot be reached is a {@link DirectoryUnavailable}.
 */
@ApplicationScoped
public class LdapDirectory {

    private static final Logger LOG = Logger.getLogger(LdapDirectory.class);

    /** The directory could not be asked (down, or the service account refused). */
    public static class DirectoryUnavailable extends RuntimeException {
        DirectoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the directory says about a user Weft knows from it. AMBIGUOUS: two entries answer. */
    public enum Status { ENABLED, DISABLED, MISSING, AMBIGUOUS }

    private static final DirectoryUser AMBIGUOUS = new DirectoryUser("", "", "", null, null);

    private volatile String warnedInsecureUrl;

    /** The one user with this login name; empty when there is none, or more than one. */
    public Optional<DirectoryUser> findByName(LdapSettings ldap, String loginName) {
        DirContext context = serviceContext(ldap);
        try {
            List<DirectoryUser> found = search(context, ldap, ldap.userFilter(), loginName);
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        } finally {
            close(context);
        }
    }

    /** The user with this lasting ID, if the directory has exactly one. */
    public Optional<DirectoryUser> findById(LdapSettings ldap, String id) {
        DirContext context = serviceContext(ldap);
        try {
            List<DirectoryUser> found = search(context, ldap, idFilter(ldap), HexFormat.of().parseHex(id));
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        } finally {
            close(context);
        }
    }

    /** A user's status, and their entry when there is exactly one. */
    public record Lookup(Status status, DirectoryUser user) {
    }

    /** Whether the user is still there, and enabled: what deprovisioning asks. */
    public Lookup lookup(LdapSettings ldap, String id) {
        DirContext context = serviceContext(ldap);
        try {
            byte[] raw = HexFormat.of().parseHex(id);
            List<DirectoryUser> found = search(context, ldap, idFilter(ldap), raw);
            if (found.isEmpty()) {
                return new Lookup(Status.MISSING, null);
            }
            if (found.size() > 1) {
                return new Lookup(Status.AMBIGUOUS, null);
            }
            return new Lookup(isDisabledIn(context, ldap, raw) ? Status.DISABLED : Status.ENABLED, found.get(0));
        } finally {
            close(context);
        }
    }

    /** Whether the directory marks the user disabled (never, without a disabled filter). */
    public boolean isDisabled(LdapSettings ldap, DirectoryUser user) {
        DirContext context = serviceContext(ldap);
        try {
            return isDisabledIn(context, ldap, HexFormat.of().parseHex(user.id()));
        } finally {
            close(context);
        }
    }

    /** Whether the password is the user's: a bind as the user. An empty password never is. */
    public boolean checkPassword(LdapSettings ldap, DirectoryUser user, String password) {
        if (password == null || password.isEmpty()) {
            // An LDAP bind with an empty password is an "unauthenticated bind" that many servers accept.
            return false;
        }
        try {
            close(open(ldap, user.dn(), password));
            return true;
        } catch (AuthenticationException e) {
            return false;
        } catch (NamingException e) {
            throw new DirectoryUnavailable("Directory bind failed: " + e, e);
        }
    }

    /** Whether the user is a member of the admin group; null when no admin group is set. */
    public Boolean isAdmin(LdapSettings ldap, DirectoryUser user) {
        if (ldap.adminGroupDn().isEmpty()) {
            return null;
        }
        DirContext context = serviceContext(ldap);
        try {
            SearchControls controls = controls(ldap, SearchControls.OBJECT_SCOPE);
            NamingEnumeration<SearchResult> found = context.search(ldap.adminGroupDn(),
                    "(|(member={0})(uniqueMember={0}))", new Object[] {user.dn()}, controls);
            return found.hasMore();
        } catch (NamingException e) {
            throw new DirectoryUnavailable("Directory group search failed: " + e, e);
        } finally {
            close(context);
        }
    }

    private static String idFilter(LdapSettings ldap) {
        return "(" + ldap.idAttribute() + "={0})";
    }

    private boolean isDisabledIn(DirContext context, LdapSettings ldap, byte[] id) {
        return !ldap.disabledFilter().isEmpty()
                && !search(context, ldap, "(&" + idFilter(ldap) + ldap.disabledFilter() + ")", id).isEmpty();
    }

    /** Up to two entries matching the filter with its argument: two already mean "not one". */
    private List<DirectoryUser> search(DirContext context, LdapSettings ldap, String filter, Object argument) {
        List<DirectoryUser> users = new ArrayList<>();
        try {
            SearchControls controls = controls(ldap, SearchControls.SUBTREE_SCOPE);
            controls.setReturningAttributes(new String[] {ldap.idAttribute(), ldap.loginAttribute(),
                    ldap.displaynameAttribute(), ldap.emailAttribute()});
            controls.setCountLimit(2);
            NamingEnumeration<SearchResult> results = context.search(ldap.userBaseDn(), filter,
                    new Object[] {argument}, controls);
            while (users.size() < 2 && results.hasMore()) {
                SearchResult entry = results.next();
                Attributes attributes = entry.getAttributes();
                Attribute id = attributes.get(ldap.idAttribute());
                if (id == null || !(id.get() instanceof byte[] bytes)) {
                    LOG.warnf("Directory entry %s has no %s: it cannot sign in", entry.getNameInNamespace(),
                            ldap.idAttribute());
                    continue;
                }
                String login = first(attributes, ldap.loginAttribute());
                users.add(new DirectoryUser(entry.getNameInNamespace(), HexFormat.of().formatHex(bytes),
                        login == null ? String.valueOf(argument) : login, first(attributes, ldap.displaynameAttribute()),
                        first(attributes, ldap.emailAttribute())));
            }
            return users;
        } catch (javax.naming.SizeLimitExceededException e) {
            // More entries than asked for: certainly not one.
            while (users.size() < 2) {
                users.add(AMBIGUOUS);
            }
            return users;
        } catch (NamingException e) {
            throw new DirectoryUnavailable("Directory search failed: " + e, e);
        }
    }

    private DirContext serviceContext(LdapSettings ldap) {
        if (!ldap.isEncrypted() && !ldap.url().equals(warnedInsecureUrl)
                && !ldap.url().matches("(?i)ldap://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?/?")) {
            warnedInsecureUrl = ldap.url();
            LOG.warnf("weft.ldap.url %s is neither ldaps:// nor weft.ldap.starttls: passwords reach the directory"
                    + " unencrypted", ldap.url());
        }
        try {
            return open(ldap, ldap.bindDn(), ldap.bindPassword());
        } catch (NamingException e) {
            throw new DirectoryUnavailable("Cannot reach the directory at " + ldap.url() + " as its service account: " + e, e);
        }
    }

    /**
     * A connection bound as {@code dn}. With StartTLS, the connection is opened without a bind,
     * upgraded to TLS (the server's certificate and host name checked against the JVM's trust
     * store), and only then bound: the password never crosses in clear. Closing the context closes
     * the connection and its TLS with it.
     */
    private static DirContext open(LdapSettings ldap, String dn, String password) throws NamingException {
        boolean ldaps = ldap.url().regionMatches(true, 0, "ldaps://", 0, 8);
        if (!ldap.startTls() && !ldaps) {
            return new InitialDirContext(environment(ldap, dn, password));
        }
        SSLSocketFactory tlsFactory;
        try {
            tlsFactory = DirectoryTls.use(ldap.trustCertificate());
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new CommunicationException("weft.ldap.trust_certificate " + ldap.trustCertificate()
                    + " cannot be read: " + e);
        }
        if (ldaps) {
            return new InitialDirContext(environment(ldap, dn, password));
        }
        LdapContext context = new InitialLdapContext(environment(ldap, "", ""), null);
        try {
            StartTlsResponse tls = (StartTlsResponse) context.extendedOperation(new StartTlsRequest());
            tls.negotiate(tlsFactory);
            if (!dn.isEmpty()) {
                context.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
                context.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
                context.addToEnvironment(Context.SECURITY_CREDENTIALS, password);
                context.reconnect(null); // binds now, on the TLS connection
            }
            return context;
        } catch (java.io.IOException e) {
            close(context);
            throw new CommunicationException("StartTLS failed: " + e.getMessage());
        } catch (NamingException | RuntimeException e) {
            close(context);
            throw e;
        }
    }

    private static Hashtable<String, String> environment(LdapSettings ldap, String dn, String password) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, ldap.url());
        if (dn.isEmpty()) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, dn);
            env.put(Context.SECURITY_CREDENTIALS, password);
        }
        // The ID comes back as bytes whatever its syntax: entryUUID as its text, objectGUID as its 16 bytes.
        env.put("java.naming.ldap.attributes.binary", ldap.idAttribute());
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(ldap.timeoutMs()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(ldap.timeoutMs()));
        env.put(Context.REFERRAL, "ignore");
        if (!ldap.trustCertificate().isEmpty() && ldap.url().regionMatches(true, 0, "ldaps://", 0, 8)) {
            // ldaps: TLS from the first byte, by this factory; StartTLS gets it after the plain connect.
            env.put("java.naming.ldap.factory.socket", DirectoryTls.class.getName());
        }
        return env;
    }

    private static SearchControls controls(LdapSettings ldap, int scope) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(scope);
        controls.setTimeLimit((int) ldap.timeoutMs());
        return controls;
    }

    private static String first(Attributes attributes, String name) throws NamingException {
        Attribute attribute = attributes.get(name);
        return attribute == null || attribute.size() == 0 ? null : String.valueOf(attribute.get());
    }

    private static void close(DirContext context) {
        try {
            context.close();
        } catch (NamingException e) {
            // closing a connection that failed: nothing to do
        }
    }
}
