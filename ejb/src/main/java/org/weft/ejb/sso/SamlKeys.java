package org.weft.ejb.sso;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.weft.ejb.config.SamlProviderSettings;

/**
 * The signing keys of SAML identity providers, from their certificates (PEM or DER files, as IdP
 * metadata gives them), kept once read. A provider whose certificate cannot be read is left out of
 * sign-in (tried again at each use, so a fixed file is picked up), and the log says why once.
 */
@ApplicationScoped
public class SamlKeys {

    private static final Logger LOG = Logger.getLogger(SamlKeys.class);

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final java.util.Set<String> reported = ConcurrentHashMap.newKeySet();

    public Optional<PublicKey> keyOf(SamlProviderSettings provider) {
        if (!provider.isComplete()) {
            return Optional.empty();
        }
        String file = provider.idpCertificate();
        try {
            // Known by path and modification time: a certificate replaced in place (the IdP's key
            // rolled over) is read again without a restart.
            String version = file + "@" + Files.getLastModifiedTime(Path.of(file)).toMillis();
            PublicKey known = keys.get(version);
            if (known != null) {
                return Optional.of(known);
            }
            PublicKey key;
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                key = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
            }
            keys.keySet().removeIf(k -> k.startsWith(file + "@"));
            keys.put(version, key);
            reported.remove(file);
            return Optional.of(key);
        } catch (Exception e) {
            if (reported.add(file)) {
                LOG.warnf("SAML provider %s is left out of sign-in: its certificate %s cannot be read: %s",
                        provider.id(), file, e.toString());
            }
            return Optional.empty();
        }
    }
}
