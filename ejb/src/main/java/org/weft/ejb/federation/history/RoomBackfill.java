package org.weft.ejb.federation.history;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.PduFormat;
import org.weft.core.pdu.PduHashes;
import org.weft.core.pdu.PduReceipt;
import org.weft.core.pdu.PduSignatures;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.EventsAside;
import org.weft.ejb.events.RemoteEventWriter;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.events.StoredReceiptContext;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.federation.RemoteServerKeys;
import org.weft.ejb.federation.inbound.MissingAuthEvents;
import org.weft.ejb.federation.inbound.RemoteStateAt;
import org.weft.ejb.federation.outbound.RoomServers;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Fetches the events before the oldest one this server holds of a room (server-server API,
 * "Backfilling and retrieving missing events"), for a client paging back past it. The gap is that
 * event's prev_events this server has never had in a timeline; a server that may have them is
 * asked ({@code GET /backfill}): the oldest event's sender's first, then each other server in the
 * room. Every event of the answer passes the receipt checks (format, signatures, hashes, auth
 * against the state before it), oldest first; the state before the oldest comes from
 * {@code /state} ({@link RemoteStateAt}), at most {@value #MAX_STATE_FETCHES} times a batch.
 * Accepted events are stored below the history this server had
 * ({@link RemoteEventWriter#writeHistoric}), rejected ones aside. One transaction, under the room's
 * lock; a fruitless attempt is not repeated for a while ({@link FruitlessBackfills}).
 */
@Stateless
public class RoomBackfill {

    private static final Logger LOG = Logger.getLogger(RoomBackfill.class);

    static final int MAX_STATE_FETCHES = 3;
    static final int MAX_LIMIT = 100;
    /** The most servers asked for one gap: each may take up to the request timeout, under the room's lock. */
    static final int MAX_SERVERS = 3;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    @EJB
    EventsAside aside;

    @EJB
    StateAtEvent stateAt;

    @EJB
    RemoteEventWriter writer;

    @EJB
    StateStore states;

    @EJB
    StreamIdGenerator ids;

    @Inject
    FederationHttp http;

    @Inject
    RemoteServerKeys keys;

    @Inject
    RemoteStateAt remoteState;

    @Inject
    MissingAuthEvents missingAuth;

    @Inject
    RoomServers roomServers;

    @Inject
    FruitlessBackfills fruitless;

    @Inject
    WeftSettings settings;

    /** Fetches up to {@code limit} events of the room's past; returns how many entered its timeline. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int backfill(String roomId, int limit) {
        if (!settings.federation().enabled()) {
            return 0;
        }
        RoomEntity known = em.find(RoomEntity.class, roomId);
        RoomVersion version = known == null ? null : RoomVersion.recognised(known.getRoomVersion()).orElse(null);
        StoredEvent oldest = reader.oldest(roomId);
        if (version == null || oldest == null) {
            return 0;
        }
        if (gapBefore(oldest).isEmpty()) {
            return 0;
        }
        events.lockRoom(roomId);
        // Read again under the lock: a concurrent pager may have filled the gap meanwhile.
        oldest = reader.oldest(roomId);
        List<String> gap = gapBefore(oldest);
        if (gap.isEmpty() || fruitless.recently(roomId, gap)) {
            return 0;
        }
        int cap = Math.max(1, Math.min(limit, MAX_LIMIT));
        for (ServerName server : serversToAsk(roomId, oldest.pdu()).stream().limit(MAX_SERVERS).toList()) {
            List<PduHashes.Checked> batch = fetch(server, roomId, version, gap, cap);
            if (batch == null) {
                continue;
            }
            int stored = store(server, roomId, version, batch);
            if (stored > 0) {
                return stored;
            }
        }
        fruitless.note(roomId, gap);
        return 0;
    }

    private List<String> gapBefore(StoredEvent oldest) {
        return oldest.pdu().prevEvents().stream().filter(this::neverInATimeline).toList();
    }

    /** Neither in a timeline here nor judged already (rejected or soft-failed events are not asked for again). */
    private boolean neverInATimeline(String eventId) {
        if (reader.stored(eventId) != null) {
            return false;
        }
        EventsAside.AsideEvent found = aside.find(eventId);
        return found == null || found.kind() == EventsAside.Kind.OUTLIER;
    }

    private List<ServerName> serversToAsk(String roomId, Pdu oldest) {
        Set<String> names = new LinkedHashSet<>();
        try {
            names.add(UserId.parse(oldest.sender()).server().toString());
        } catch (IllegalArgumentException notAUser) {
            // then only the room's servers
        }
        names.addAll(roomServers.of(roomId));
        names.remove(settings.serverName().toString());
        List<ServerName> servers = new ArrayList<>();
        for (String name : names) {
            try {
                servers.add(ServerName.parse(name));
            } catch (IllegalArgumentException e) {
                LOG.debugf("Not asking %s for history: %s", name, e.getMessage());
            }
        }
        return servers;
    }

    /** The answer's events this server lacks in a timeline, checked up to step 3, oldest first; null when the server failed. */
    private List<PduHashes.Checked> fetch(ServerName server, String roomId, RoomVersion version, List<String> gap, int limit) {
        StringBuilder path = new StringBuilder("/_matrix/federation/v1/backfill/").append(encode(roomId))
                .append("?limit=").append(limit);
        gap.forEach(id -> path.append("&v=").append(encode(id)));
        Map<String, Object> answer;
        try {
            answer = http.json("GET", server, path.toString(), null);
        } catch (MatrixException e) {
            LOG.debugf("%s gave no history of %s: %s", server, roomId, e.getMessage());
            return null;
        }
        if (!(answer.get("pdus") instanceof List<?> pdus)) {
            return null;
        }
        List<PduHashes.Checked> batch = new ArrayList<>();
        for (Object item : pdus.subList(0, Math.min(pdus.size(), limit))) {
            Pdu pdu = checked(item, roomId, version);
            // Only what no check has judged yet: an outlier (from a join's state) may enter the
            // timeline; a rejected or soft-failed event stays aside.
            EventsAside.AsideEvent held = pdu == null ? null : aside.find(pdu.eventId());
            if (pdu != null && reader.stored(pdu.eventId()) == null
                    && (held == null || held.kind() == EventsAside.Kind.OUTLIER)) {
                batch.add(PduHashes.check(pdu, version));
            }
        }
        batch.sort(Comparator.comparingLong((PduHashes.Checked c) -> c.pdu().depth()).thenComparing(c -> c.pdu().eventId()));
        return batch;
    }

    @SuppressWarnings("unchecked")
    private Pdu checked(Object item, String roomId, RoomVersion version) {
        if (!(item instanceof Map<?, ?> json)) {
            return null;
        }
        try {
            Pdu pdu = PduFormat.parse((Map<String, Object>) json, version);
            if (!roomId.equals(pdu.roomId())) {
                return null;
            }
            PduSignatures.verify(pdu, version, keys.forRoom(version));
            return pdu;
        } catch (InvalidPduException e) {
            LOG.debugf("A backfilled event of %s dropped: %s", roomId, e.getMessage());
            return null;
        }
    }

    /** Judges and stores the batch, oldest first, at positions in that order below all others. */
    private int store(ServerName server, String roomId, RoomVersion version, List<PduHashes.Checked> batch) {
        long lowest = ids.reserveHistoricPositions(batch.size());
        int stored = 0;
        int stateFetches = 0;
        for (int i = 0; i < batch.size(); i++) {
            PduHashes.Checked checked = batch.get(i);
            Pdu pdu = checked.pdu();
            RoomState before = stateAt.before(version, pdu.prevEvents());
            if (before == null) {
                if (stateFetches++ >= MAX_STATE_FETCHES
                        || (before = remoteState.fetch(server, roomId, version, pdu.eventId(), createEventId(roomId))) == null) {
                    continue;
                }
            }
            if (pdu.authEvents().stream().anyMatch(id -> reader.pdu(id) == null)) {
                missingAuth.fetch(server, version, pdu, keys.forRoom(version));
            }
            PduReceipt.Receipt receipt = PduReceipt.authorise(checked, version,
                    new StoredReceiptContext(reader, aside, before, before), StateAtEvent.RULES);
            if (receipt.verdict() == PduReceipt.Verdict.REJECTED) {
                LOG.debugf("Backfilled event %s of %s rejected: %s", pdu.eventId(), roomId, receipt.reason());
                // Kept with the state before it, as incoming rejected events are: what cites it
                // is judged on that state, not refused for want of one.
                aside.forgetOutlier(pdu.eventId());
                Long baseGroup = pdu.prevEvents().isEmpty() ? null : stateAt.groupAfter(pdu.prevEvents().get(0));
                aside.store(pdu, EventsAside.Kind.REJECTED, receipt.reason(), states.storeState(roomId, baseGroup, before));
                continue;
            }
            writer.writeHistoric(roomId, pdu, before, lowest + i);
            stored++;
        }
        LOG.debugf("Backfilled %d events of %s from %s", stored, roomId, server);
        return stored;
    }

    /** The room's create event as this server knows it (from the state of its oldest timeline event). */
    private String createEventId(String roomId) {
        StoredEvent oldest = reader.oldest(roomId);
        return oldest == null ? null : states.load(oldest.stateGroup()).get("m.room.create", "");
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
