package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.logging.Logger;
import org.weft.core.event.Pdu;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.rooms.MembershipService;
import org.weft.ejb.rooms.RoomAccess;

/**
 * Email pushers (client-server API, "Push Notifications", pusher kind {@code email}): when a
 * notification has waited weft.push.email_delay_ms and is still unread, one mail summarises the
 * user's unread notifications, and the pusher's other waiting notifications count as sent. The mail
 * goes through WildFly's mail session {@code java:jboss/mail/Weft} (standalone-config, "Mail").
 * Sending and clearing the queue are one transaction: a failed send leaves the queue as it was,
 * and the delivery is retried like a push gateway's.
 */
@Stateless
public class EmailSummary {

    private static final Logger LOG = Logger.getLogger(EmailSummary.class);
    private static final String MAIL_SESSION = "java:jboss/mail/Weft";
    private static final int MAX_LINES = 20;

    @Inject
    PushActionStore actions;

    @EJB
    MembershipService membership;

    @EJB
    PushDeliveryStore store;

    @EJB
    EventReader reader;

    @EJB
    RoomAccess access;

    @Inject
    WeftSettings settings;

    public void summarise(PushDeliveryStore.Delivery delivery, PusherService.Pusher pusher) {
        if (!store.exists(delivery.id())) {
            return; // an earlier summary in this round covered it
        }
        String userId = delivery.userId();
        Map<String, Map<String, Long>> receipts = new HashMap<>();
        List<PushActionStore.Stored> unread = new ArrayList<>();
        for (PushActionStore.Stored n : actions.notifications(userId, membership.joinedRooms(userId), Long.MAX_VALUE,
                100, false)) {
            Map<String, Long> read = receipts.computeIfAbsent(n.roomId(), room -> actions.readPositions(userId, room));
            if (n.streamPos() > PushActionStore.readUpTo(read, n.threadId())) {
                unread.add(n);
            }
        }
        if (unread.stream().noneMatch(n -> n.eventId().equals(delivery.eventId()))) {
            store.done(delivery.id()); // read in time: no mail
            return;
        }
        Map<String, String> roomNames = new HashMap<>();
        java.util.function.Function<String, String> roomName = roomId -> roomNames.computeIfAbsent(roomId, id -> {
            String name = access.name(access.currentState(access.room(id)));
            return name != null ? name : id;
        });
        send(pusher.pushkey(), subject(unread, roomName), body(unread, roomName));
        store.coveredBySummary(userId, pusher.appId(), pusher.pushkey());
        LOG.debugf("Mailed %d unread notifications of %s", unread.size(), userId);
    }

    private String subject(List<PushActionStore.Stored> unread, java.util.function.Function<String, String> roomName) {
        if (unread.size() == 1) {
            return "New message in " + roomName.apply(unread.get(0).roomId());
        }
        return unread.size() + " unread messages on " + settings.serverName();
    }

    private String body(List<PushActionStore.Stored> unread, java.util.function.Function<String, String> roomName) {
        StringBuilder text = new StringBuilder("You have unread messages on ").append(settings.serverName()).append(":\n\n");
        for (PushActionStore.Stored n : unread.subList(0, Math.min(MAX_LINES, unread.size()))) {
            Pdu pdu = reader.pdu(n.eventId());
            if (pdu == null) {
                continue;
            }
            Object body = pdu.content().get("body");
            text.append(roomName.apply(n.roomId())).append(" - ").append(pdu.sender()).append(": ")
                    .append(body instanceof String s ? s : "(" + pdu.type() + ")").append('\n');
        }
        if (unread.size() > MAX_LINES) {
            text.append("... and ").append(unread.size() - MAX_LINES).append(" more.\n");
        }
        text.append("\nOpen your Matrix client to read them: ").append(settings.publicBaseUrl()).append('\n');
        return text.toString();
    }

    private static void send(String to, String subject, String text) {
        try {
            Session session = (Session) new InitialContext().lookup(MAIL_SESSION);
            MimeMessage message = new MimeMessage(session);
            String from = session.getProperty("mail.from");
            if (from != null) {
                message.setFrom(new InternetAddress(from));
            } else {
                message.setFrom();
            }
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
        } catch (NamingException e) {
            throw new MailFailed("The mail session " + MAIL_SESSION + " is not configured");
        } catch (MessagingException e) {
            throw new MailFailed("Sending a notification mail failed: " + e.getMessage());
        }
    }

    /** A mail that could not go: retried like a push gateway that did not answer (no stack trace in the log). */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class MailFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MailFailed(String message) {
            super(message);
        }
    }
}
