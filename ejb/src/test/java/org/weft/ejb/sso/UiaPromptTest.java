package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the m.login.sso fallback page says the user approves, for each action that asks. */
class UiaPromptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "devices/delete PHONE            | sign out your device PHONE",
        "delete_devices ONE,TWO          | sign out your devices ONE, TWO",
        "account/deactivate              | deactivate your account for good",
        "account/password                | change your password",
        "keys/device_signing/upload      | replace your cross-signing keys",
        "login/get_token                 | sign in another device as you",
        "something/new                   | continue (something/new)",
    })
    void theActionInWords(String endpoint, String words) {
        assertEquals(words, UiaPrompt.describe(endpoint));
    }
}
