package org.weft.ejb.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;

class LocalpartRulesTest {

    private static final ServerName SERVER = ServerName.parse("example.org");

    private static ErrCode refusal(String username, Optional<Pattern> exclusive) {
        return assertThrows(MatrixException.class, () -> LocalpartRules.newUserId(username, SERVER, exclusive)).errcode();
    }

    @Test
    void validNamesAreFoldedToLowerCase() {
        assertEquals("@alice.b_c=d-e/f+g:example.org",
                LocalpartRules.newUserId("Alice.B_c=d-e/f+g", SERVER, Optional.empty()).toString());
    }

    @Test
    void grammarNumericLengthAndExclusiveNamespaces() {
        assertEquals(ErrCode.M_INVALID_USERNAME, refusal("al ice", Optional.empty()));
        assertEquals(ErrCode.M_INVALID_USERNAME, refusal("", Optional.empty()));
        assertEquals(ErrCode.M_INVALID_USERNAME, refusal("al:ice", Optional.empty()));
        assertEquals(ErrCode.M_INVALID_USERNAME, refusal("12345", Optional.empty()));
        assertEquals(ErrCode.M_INVALID_USERNAME, refusal("a".repeat(250), Optional.empty()));
        assertEquals(ErrCode.M_EXCLUSIVE, refusal("_irc_bob", Optional.of(Pattern.compile("_irc_.*"))));
    }
}
