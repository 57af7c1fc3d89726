package org.weft.ejb.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The MAC matches what `openssl dgst -sha1 -hmac` computes over the same NUL-joined fields. */
class SharedSecretRegistrationServiceTest {

    @Test
    void macOfAnAdminRegistration() {
        assertEquals("b663c5516b58b3aef46fde5ca822340f4a5609be",
                SharedSecretRegistrationService.hmac("s3cret", "n0nce", "bob", "hunter2", true, null));
    }

    @Test
    void macWithAUserType() {
        assertEquals("9138523caf36be0a5f4d99bfbdb54fae5a11609c",
                SharedSecretRegistrationService.hmac("s3cret", "n0nce", "bob", "hunter2", false, "bot"));
    }
}
