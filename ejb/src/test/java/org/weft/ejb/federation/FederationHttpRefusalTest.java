package org.weft.ejb.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;

/** What another server's refusal becomes for the client whose request needed it. */
class FederationHttpRefusalTest {

    private static final ServerName OTHER = ServerName.parse("other.example");

    private static MatrixException refusal(int status, String body) {
        return FederationHttp.refusal(OTHER, status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void forbiddenAndNotFoundArePassedOnWithTheOtherServersReason() {
        MatrixException forbidden = refusal(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"You are not invited\"}");
        assertEquals(ErrCode.M_FORBIDDEN, forbidden.errcode());
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.getMessage().contains("You are not invited") && forbidden.getMessage().contains("other.example"));
        assertEquals(404, refusal(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Unknown room\"}").status());
    }

    @Test
    void anIncompatibleRoomVersionIsPassedOnAndOtherRefusalsAreTheOtherServersTrouble() {
        assertEquals(ErrCode.M_INCOMPATIBLE_ROOM_VERSION,
                refusal(400, "{\"errcode\":\"M_INCOMPATIBLE_ROOM_VERSION\",\"error\":\"no\"}").errcode());
        assertEquals(502, refusal(400, "{\"errcode\":\"M_BAD_JSON\",\"error\":\"bad\"}").status());
        assertEquals(502, refusal(500, "<html>oops</html>").status());
        assertEquals(502, refusal(401, "").status());
    }
}
