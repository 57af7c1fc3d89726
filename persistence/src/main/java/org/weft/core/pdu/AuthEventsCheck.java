package org.weft.core.pdu;

import java.util.ArrayList;
import java.util.List;
import org.weft.core.auth.AuthEventSelection;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * Step 4 of the receipt checks: "Passes authorisation rules based on the event's auth events,
 * otherwise it is rejected." Rule 2 (3 in room version 12) concerns the list itself: no duplicate
 * keys, only keys the auth events selection would choose, none rejected (2.3, from the store's
 * flags), all of the same room; in version 12 the create event comes from the room ID and must not
 * have been rejected either (rule 2).
 */
public final class AuthEventsCheck {

    private AuthEventsCheck() {
    }

    /**
     * @throws AuthorizationException naming the rule the event fails; an auth event the context
     *         does not know fails it too (the caller fetches them before the checks)
     */
    public static void check(Pdu pdu, RoomVersion version, ReceiptContext context, EventAuthRules rules) {
        List<Pdu> authEvents = new ArrayList<>();
        for (String id : pdu.authEvents()) {
            Pdu authEvent = context.event(id);
            if (authEvent == null) {
                throw new AuthorizationException("auth event " + id + " is not known");
            }
            // 2.3: "If there are entries which were themselves rejected under the checks
            // performed on receipt of a PDU, reject."
            if (context.rejected(id)) {
                throw new AuthorizationException("auth event " + id + " was itself rejected");
            }
            authEvents.add(authEvent);
        }
        Pdu create = null;
        if (version.hashedRoomIds() && !"m.room.create".equals(pdu.type())) {
            String createId = EventIds.createEventIdOfRoom(pdu.roomId());
            create = context.event(createId);
            if (create != null && context.rejected(createId)) {
                throw new AuthorizationException("the room's create event " + createId + " was rejected");
            }
        }
        rules.authorize(pdu, version, AuthEventSelection.checkAuthEvents(pdu, authEvents, create, version));
    }
}
