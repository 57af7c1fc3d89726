package org.weft.ejb.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.JsonObject;

/** Who a login body names (client-server API, "Identifier types"), and the answers when it names nobody. */
class LoginIdentifierTest {

    private static final ServerName SERVER = ServerName.parse("corp.example");
    private static final BiFunction<String, String, Optional<String>> EMAILS = (medium, address) ->
            "email".equals(medium) && "alice@corp.example".equals(ThreepidStore.canonicalEmail(address))
                    ? Optional.of("@alice:corp.example") : Optional.empty();

    /** Each row: the login body as JSON; the user it names, or the status and errcode of the refusal. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'identifier':{'type':'m.id.user','user':'alice'}}                                   | @alice:corp.example",
        "{'identifier':{'type':'m.id.user','user':'Alice'}}                                   | @alice:corp.example",
        "{'identifier':{'type':'m.id.user','user':'@alice:corp.example'}}                     | @alice:corp.example",
        "{'user':'alice'}                                                                     | @alice:corp.example",
        "{'identifier':{'type':'m.id.thirdparty','medium':'email','address':'Alice@Corp.Example'}} | @alice:corp.example",
        "{'medium':'email','address':'alice@corp.example'}                                    | @alice:corp.example",
        "{'identifier':{'type':'m.id.user','user':'@alice:elsewhere.example'}}                | 403 M_FORBIDDEN",
        "{'identifier':{'type':'m.id.user','user':'@not a user id'}}                          | 403 M_FORBIDDEN",
        "{'identifier':{'type':'m.id.thirdparty','medium':'email','address':'nobody@corp.example'}} | 403 M_FORBIDDEN",
        "{'identifier':{'type':'m.id.thirdparty','medium':'msisdn','address':'4412345'}}      | 403 M_FORBIDDEN",
        "{'identifier':{'type':'m.id.thirdparty','medium':'email'}}                           | 400 M_MISSING_PARAM",
        "{'identifier':{'type':'m.id.phone','country':'GB','phone':'1234'}}                   | 400 M_UNKNOWN",
        "{'password':'x'}                                                                     | 400 M_MISSING_PARAM",
    })
    void namesTheUserOrRefuses(String body, String expected) {
        JsonObject json = JsonObject.parseBody(body.replace('\'', '"'));
        if (expected.startsWith("@")) {
            assertEquals(expected, LoginIdentifier.resolveUser(json, SERVER, EMAILS));
        } else {
            MatrixException e = assertThrows(MatrixException.class, () -> LoginIdentifier.resolveUser(json, SERVER, EMAILS));
            assertEquals(expected, e.status() + " " + e.errcode().name());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "alice@corp.example     | alice@corp.example",
        "' Alice@CORP.example ' | alice@corp.example",
        "alice                  | null",
        "@corp.example          | null",
        "alice@                 | null",
        "'al ice@corp.example'  | null",
    })
    void emailAddressesInCanonicalForm(String given, String canonical) {
        assertEquals(canonical, ThreepidStore.canonicalEmail(given));
    }
}
