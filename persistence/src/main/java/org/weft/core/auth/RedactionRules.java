package org.weft.core.auth;

import java.util.Objects;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * Whether an authorised redaction is applied to the event it targets (rooms/v3..v11, "Handling
 * redactions", rooms/fragments/v3-handling-redactions.md). From room version 3 the auth rules
 * always accept {@code m.room.redaction} as far as the redact level is concerned; the server
 * applies it, and sends it to clients, only if one of:
 * <ol>
 *   <li>the power level of the redaction's {@code sender} is at least the redact level;</li>
 *   <li>the domain of the redaction's {@code sender} matches that of the original event's
 *       {@code sender}.</li>
 * </ol>
 * Otherwise the server waits for a valid partner event. In room versions 1 and 2 the auth rule
 * (v1 rule 11, in {@link EventAuthRules}) already required the redact level or matching event ID
 * domains, so an authorised redaction is applied.
 */
public final class RedactionRules {

    private RedactionRules() {
    }

    /**
     * @param redaction the authorised {@code m.room.redaction}
     * @param original  the event it redacts, already received and valid
     * @param levels    the power levels in the state before the redaction
     */
    public static boolean shouldApply(Pdu redaction, Pdu original, PowerLevels levels, RoomVersion version) {
        if (version.eventIdFormat() == RoomVersion.EventIdFormat.SERVER_ASSIGNED) {
            return true;
        }
        // 1. "The power level of the redaction event's sender is greater than or equal to the
        // redact level."
        if (levels.userLevel(redaction.sender()) >= levels.redact()) {
            return true;
        }
        // 2. "The domain of the redaction event's sender matches that of the original event's
        // sender."
        String redactor = AuthContext.idDomain(redaction.sender());
        return redactor != null && Objects.equals(redactor, AuthContext.idDomain(original.sender()));
    }
}
