package org.weft.ejb.sso;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Hashtable;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.weft.ejb.config.LdapSettings;

/**
 * An LDAP or Active Directory directory, through the JDK's LDAP provider (JNDI; ADR 0017 says why
 * not an Elytron realm): users found by a search as the service account, passwords checked by
 * binding as the user, admins by membership of a group, disabled users by a filter.
 *
 * <p>Search filters take the login name as a JNDI filter argument ({@code {0}}), which JNDI
 * escapes (RFC 4515), so a name such as {@code *)(uid=*} matches nothing. Every request has the
 * configured timeout; a directory that cannot be reached is a {@link DirectoryUnavailable}.
 */
@ApplicationScoped
public class LdapDirectory {

    /** The directory could not be asked (down, or the service account refused). */
    public static class DirectoryUnavailable extends RuntimeException {
        DirectoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the directory says about a user Weft knows from it. */
    public enum Status { ENABLED, DISABLED, MISSING }

    /** The user with this login name, if the directory has exactly one. */
    public Optional<DirectoryUser> find(LdapSettings ldap, String loginName) {
        DirContext context = serviceContext(ldap);
        try {
            return findIn(context, ldap, ldap.userFilter(), loginName);
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
            close(new InitialDirContext(environment(ldap, user.dn(), password)));
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

    /** Whether the user is still there, and enabled: what deprovisioning asks. */
    public Status status(LdapSettings ldap, String loginName) {
        DirContext context = serviceContext(ldap);
        try {
            if (findIn(context, ldap, ldap.userFilter(), loginName).isEmpty()) {
                return Status.MISSING;
            }
            if (!ldap.disabledFilter().isEmpty()
                    && findIn(context, ldap, "(&" + ldap.userFilter() + ldap.disabledFilter() + ")", loginName).isPresent()) {
                return Status.DISABLED;
            }
            return Status.ENABLED;
        } finally {
            close(context);
        }
    }

    private Optional<DirectoryUser> findIn(DirContext context, LdapSettings ldap, String filter, String loginName) {
        try {
            SearchControls controls = controls(ldap, SearchControls.SUBTREE_SCOPE);
            controls.setReturningAttributes(new String[] {ldap.loginAttribute(), ldap.displaynameAttribute(),
                    ldap.emailAttribute()});
            controls.setCountLimit(2);
            NamingEnumeration<SearchResult> results = context.search(ldap.userBaseDn(), filter,
                    new Object[] {loginName}, controls);
            if (!results.hasMore()) {
                return Optional.empty();
            }
            SearchResult entry = results.next();
            if (results.hasMore()) {
                // Two entries answer to one name: signing in as either would be a guess.
                return Optional.empty();
            }
            Attributes attributes = entry.getAttributes();
            String login = first(attributes, ldap.loginAttribute());
            return Optional.of(new DirectoryUser(entry.getNameInNamespace(), login == null ? loginName : login,
                    first(attributes, ldap.displaynameAttribute()), first(attributes, ldap.emailAttribute())));
        } catch (javax.naming.SizeLimitExceededException e) {
            return Optional.empty();
        } catch (NamingException e) {
            throw new DirectoryUnavailable("Directory search failed: " + e, e);
        }
    }

    private DirContext serviceContext(LdapSettings ldap) {
        try {
            return new InitialDirContext(environment(ldap, ldap.bindDn(), ldap.bindPassword()));
        } catch (NamingException e) {
            throw new DirectoryUnavailable("Cannot reach the directory at " + ldap.url() + " as its service account: " + e, e);
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
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(ldap.timeoutMs()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(ldap.timeoutMs()));
        env.put(Context.REFERRAL, "ignore");
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
