package org.weft.ejb.keys;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.jboss.logging.Logger;
import org.weft.core.crypto.SigningKey;

/**
 * This server's ed25519 signing key (server-server API, "Retrieving server keys"; appendices
 * "Signing JSON"): generated on first start and kept in {@code ${weft.data_dir}/signing.key} so
 * it survives restarts and rebuilds; every local event is signed with it. The file has Synapse's
 * format, one line {@code ed25519 <version> <unpadded base64 seed>}, so keys can move between
 * servers. It is readable by the owner only; the seed is never logged.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class);
    static final String FILE_NAME = "signing.key";

    private volatile SigningKey signingKey;

    @PostConstruct
    void load() {
        signingKey = loadOrCreate(dataDir().resolve(FILE_NAME));
        LOG.infof("Server signing key %s (public %s)", signingKey.keyId(), signingKey.publicKeyBase64());
    }

    public SigningKey signingKey() {
        return signingKey;
    }

    static Path dataDir() {
        String dir = System.getProperty("weft.data_dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("jboss.server.data.dir", ".") + "/weft";
        }
        return Path.of(dir);
    }

    static SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            SigningKey key = SigningKey.generate(newVersion());
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temp, format(key) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            restrictToOwner(temp);
            // Atomic move: a crash never leaves a half-written key that would change the server's identity.
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Generated a new server signing key in %s", file);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the server signing key " + file, e);
        }
    }

    static String format(SigningKey key) {
        return "ed25519 " + key.keyId().substring("ed25519:".length()) + " " + key.seedBase64();
    }

    static SigningKey parse(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length != 3 || !"ed25519".equals(parts[0])) {
            throw new IllegalStateException("Signing key file must hold 'ed25519 <version> <seed>'");
        }
        byte[] seed = Base64.getDecoder().decode(padded(parts[2]));
        return SigningKey.fromSeed("ed25519:" + parts[1], seed);
    }

    private static String newVersion() {
        // Synapse-style short random version: "a_" + 4 random letters.
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder version = new StringBuilder("a_");
        for (int i = 0; i < 4; i++) {
            version.append(letters.charAt(random.nextInt(letters.length())));
        }
        return version.toString();
    }

    private static String padded(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debugf("Could not restrict permissions of %s: %s", file, e.getMessage());
        }
    }
}
