package org.weft.ejb.users;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.PasswordPolicySettings;

class PasswordPolicyTest {

    private static final PasswordPolicySettings STRICT = new PasswordPolicySettings(8, true, true, true, true);

    private static void assertWeak(String password, PasswordPolicySettings policy) {
        MatrixException e = assertThrows(MatrixException.class, () -> PasswordPolicy.check(password, policy));
        assertEquals(ErrCode.M_WEAK_PASSWORD, e.errcode());
        assertEquals(400, e.status());
    }

    @Test
    void eachRuleIsEnforced() {
        assertWeak("Ab1!", STRICT);
        assertWeak("abcdefg1!", STRICT);
        assertWeak("ABCDEFG1!", STRICT);
        assertWeak("Abcdefgh!", STRICT);
        assertWeak("Abcdefgh1", STRICT);
        assertDoesNotThrow(() -> PasswordPolicy.check("Abcdefg1!", STRICT));
    }

    @Test
    void lengthCountsCharactersNotBytesButBcryptsLimitIsBytes() {
        PasswordPolicySettings lenient = new PasswordPolicySettings(4, false, false, false, false);
        assertDoesNotThrow(() -> PasswordPolicy.check("ññññ", lenient));
        assertWeak("x".repeat(73), lenient);
        assertDoesNotThrow(() -> PasswordPolicy.check("x".repeat(72), lenient));
    }
}
