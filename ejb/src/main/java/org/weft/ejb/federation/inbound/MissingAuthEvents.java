package org.weft.ejb.federation.inbound;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.ServerName;
import org.weft.core.pdu.AuthEventsCheck;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.PduReceipt;
import org.weft.core.pdu.VerifyKeys;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventsAside;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StoredReceiptContext;
import org.weft.ejb.federation.FederationHttp;

/**
 * Auth events an incoming event cites that this server lacks (server-server API, "Checks performed
 * on receipt of a PDU", step 4: "If the server does not have all of the event's auth events, it
 * should fetch them"), asked of its sender's server in one request ({@code /event_auth}: the whole
 * auth chain). Each unknown one is checked (format, signatures, hashes, its own auth events, oldest
 * first) and kept as an outlier, or as rejected. At most {@value #MAX_CHAIN} events are read.
 */
@ApplicationScoped
public class MissingAuthEvents {

    private static final Logger LOG = Logger.getLogger(MissingAuthEvents.class);

    static final int MAX_CHAIN = 2_000;

    @Inject
    FederationHttp http;

    @EJB
    EventReader reader;

    @EJB
    EventsAside aside;

    /** Fetches and stores what it can; the event's own check then finds what is still missing. */
    public void fetch(ServerName origin, RoomVersion version, Pdu pdu, VerifyKeys keys) {
        String path = "/_matrix/federation/v1/event_auth/" + URLEncoder.encode(pdu.roomId(), StandardCharsets.UTF_8)
                + "/" + URLEncoder.encode(pdu.eventId(), StandardCharsets.UTF_8);
        List<Pdu> chain = new ArrayList<>();
        try {
            if (http.json("GET", origin, path, null).get("auth_chain") instanceof List<?> list) {
                for (Object item : list.subList(0, Math.min(list.size(), MAX_CHAIN))) {
                    if (item instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> json = (Map<String, Object>) map;
                        verified(json, version, keys, pdu.roomId(), chain);
                    }
                }
            }
        } catch (MatrixException e) {
            LOG.debugf("event_auth for %s from %s failed: %s", pdu.eventId(), origin, e.getMessage());
            return;
        }
        chain.sort(Comparator.comparingLong(Pdu::depth));
        for (Pdu event : chain) {
            if (reader.pdu(event.eventId()) != null) {
                continue;
            }
            try {
                AuthEventsCheck.check(event, version, new StoredReceiptContext(reader, aside, null, null), StateAtEvent.RULES);
                aside.store(event, EventsAside.Kind.OUTLIER, null, null);
            } catch (AuthorizationException e) {
                aside.store(event, EventsAside.Kind.REJECTED, e.getMessage(), null);
            }
        }
    }

    private static void verified(Map<String, Object> json, RoomVersion version, VerifyKeys keys, String roomId,
                                 List<Pdu> into) {
        try {
            Pdu event = PduReceipt.verify(json, version, keys).pdu();
            if (roomId.equals(event.roomId())) {
                into.add(event);
            }
        } catch (InvalidPduException e) {
            // dropped, as any PDU failing steps 1-2; the event citing it fails its auth check
        }
    }
}
