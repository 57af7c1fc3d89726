package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email pushers: a notification still unread after weft.push.email_delay_ms is mailed, in one
 * summary with the user's other unread notifications, through the server's mail session to a real
 * SMTP server (GreenMail) started by this test on the port the test server was booted with.
 */
class EmailPusherIT extends SyncSupport {

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("weft.it.smtp.port", 13025), "127.0.0.1", "smtp"));
        smtp.start();
        ServerSettings.set("weft.push.email_delay_ms", "1500");
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
        ServerSettings.set("weft.push.email_delay_ms", "600000");
    }

    @Test
    void unreadNotificationsAreMailedInOneSummaryAndReadOnesAreNot() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("maila");
        MatrixClient.Session bob = matrix.registerUnique("mailb");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat", "name", "Mail room"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/pushers/set", bob.accessToken(), Map.of("pushkey", "bob@example.org",
                "kind", "email", "app_id", "m.email", "app_display_name", "Email", "device_display_name", "bob@example.org",
                "lang", "en", "data", Map.of())).expect(200);

        send(alice.accessToken(), roomId, "first news");
        send(alice.accessToken(), roomId, "second news");
        assertTrue(smtp.waitForIncomingEmail(30_000, 1), "a summary mail arrives");
        MimeMessage summary = smtp.getReceivedMessages()[0];
        assertEquals("bob@example.org", summary.getAllRecipients()[0].toString());
        assertEquals("2 unread messages on localhost:8008", summary.getSubject());
        String text = GreenMailUtil.getBody(summary);
        assertTrue(text.contains("Mail room - " + alice.userId() + ": first news"), text);
        assertTrue(text.contains("second news"), text);

        // Read before the delay: not mailed. Unread: mailed, alone.
        String third = send(alice.accessToken(), roomId, "third, read in time");
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/receipt/m.read/" + third, bob.accessToken(), Map.of())
                .expect(200);
        send(alice.accessToken(), roomId, "fourth, unread");
        assertTrue(smtp.waitForIncomingEmail(30_000, 2), "a second mail arrives");
        MimeMessage second = smtp.getReceivedMessages()[1];
        assertEquals("New message in Mail room", second.getSubject());
        String secondText = GreenMailUtil.getBody(second);
        assertTrue(secondText.contains("fourth, unread"), secondText);
        assertFalse(secondText.contains("third"), secondText);
        assertEquals(2, smtp.getReceivedMessages().length, "the first summary covered both messages");
    }

    @Test
    void anEmailPusherNeedsAnAddress() {
        String token = matrix.registerUnique("mailc").accessToken();
        matrix.post("/_matrix/client/v3/pushers/set", token, Map.of("pushkey", "not an address", "kind", "email",
                "app_id", "m.email", "app_display_name", "Email", "device_display_name", "x", "lang", "en",
                "data", Map.of())).expectError(400, "M_INVALID_PARAM");
    }
}
