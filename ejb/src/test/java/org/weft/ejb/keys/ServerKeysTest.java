package org.weft.ejb.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.core.crypto.SigningKey;

class ServerKeysTest {

    @Test
    void aKeyIsCreatedOnceAndReadBackUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested").resolve(ServerKeys.FILE_NAME);
        SigningKey created = ServerKeys.loadOrCreate(file);
        assertTrue(Files.exists(file));
        assertTrue(created.keyId().matches("ed25519:a_[A-Za-z]{4}"), created.keyId());
        SigningKey reloaded = ServerKeys.loadOrCreate(file);
        assertEquals(created.keyId(), reloaded.keyId());
        assertArrayEquals(created.publicKey(), reloaded.publicKey());
    }

    @Test
    void theFileUsesSynapsesFormat() {
        // The appendix's test seed, as Synapse would store it.
        SigningKey key = ServerKeys.parse("ed25519 1 YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1");
        assertEquals("ed25519:1", key.keyId());
        assertEquals("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI", key.publicKeyBase64());
        // The appendix's spelling has stray low bits in its last character; we write the canonical one.
        assertEquals("ed25519 1 YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0", ServerKeys.format(key));
        assertEquals(ServerKeys.format(key), ServerKeys.format(ServerKeys.parse(ServerKeys.format(key))));
        assertThrows(IllegalStateException.class, () -> ServerKeys.parse("rsa 1 abc"));
    }
}
