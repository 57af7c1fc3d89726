package org.weft.ejb.admin;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.infinispan.Cache;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.AccountService;
import org.weft.ejb.users.IssuedSession;
import org.weft.ejb.users.PasswordPolicy;
import org.weft.ejb.users.RegistrationResult;
import org.weft.ejb.users.SessionIssuer;
import org.weft.ejb.users.Tokens;

/**
 * Shared-secret registration, the admin API operators and tooling use to create accounts (first
 * of all the first admin) whatever the registration settings: {@code GET/POST
 * /_synapse/admin/v1/register}. A client fetches a single-use nonce, then proves it knows
 * {@code weft.registration.shared_secret} with HMAC-SHA1 over
 * {@code nonce NUL username NUL password NUL ("admin"|"notadmin")}.
 */
@Stateless
public class SharedSecretRegistrationService {

    @Resource(lookup = "java:jboss/infinispan/cache/weft/registration-nonces")
    Cache<String, Boolean> nonces;

    @Inject
    WeftSettings settings;

    @EJB
    AccountService accounts;

    @EJB
    SessionIssuer sessions;

    public String newNonce() {
        requireSecret();
        String nonce = Tokens.randomString(24);
        nonces.put(nonce, Boolean.TRUE);
        return nonce;
    }

    public RegistrationResult register(String nonce, String username, String password, boolean admin,
                                       String userType, String mac, String clientAddress) {
        String secret = requireSecret();
        // Remove first: a nonce is spent by any attempt, right or wrong.
        if (nonces.remove(nonce) == null) {
            throw MatrixException.invalidParam("Unrecognised nonce");
        }
        String expected = hmac(secret, nonce, username, password, admin, userType);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                mac.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw MatrixException.forbidden("HMAC incorrect");
        }
        UserId userId = accounts.checkAvailable(username);
        // Operators get no exemption from the policy: it also guards bcrypt's 72-byte limit.
        PasswordPolicy.check(password, settings.passwordPolicy());
        accounts.create(userId, password, admin);
        IssuedSession session = sessions.open(userId.toString(), null, null, false, clientAddress);
        return new RegistrationResult(userId.toString(), settings.serverName().toString(), session);
    }

    /** The MAC a client must send, as lowercase hex. */
    static String hmac(String secret, String nonce, String username, String password, boolean admin,
                       String userType) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            StringBuilder message = new StringBuilder()
                    .append(nonce).append('\0').append(username).append('\0').append(password).append('\0')
                    .append(admin ? "admin" : "notadmin");
            if (userType != null) {
                message.append('\0').append(userType);
            }
            return HexFormat.of().formatHex(mac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
        }
    }

    private String requireSecret() {
        return settings.registrationSharedSecret().orElseThrow(
                () -> MatrixException.forbidden("Shared secret registration is not enabled"));
    }
}
