package org.weft.ejb.users;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.ejb.config.WeftSettings;

/** bcrypt through WildFly Elytron, as the server runs it (cost lowered to keep the test fast). */
class PasswordHasherTest {

    private final PasswordHasher hasher =
            new PasswordHasher(new WeftSettings(Map.of("weft.password.bcrypt_cost", "5")::get));

    @Test
    void hashesAreSaltedModularCryptBcryptAndVerify() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");
        assertTrue(first.startsWith("$2a$05$") || first.startsWith("$2y$05$") || first.startsWith("$2b$05$"), first);
        assertNotEquals(first, second, "salted");
        assertTrue(hasher.verify(first, "correct horse"));
        assertFalse(hasher.verify(first, "correct horsE"));
        assertFalse(hasher.verify(null, "anything"));
        assertFalse(hasher.verify("not a hash", "anything"));
    }
}
