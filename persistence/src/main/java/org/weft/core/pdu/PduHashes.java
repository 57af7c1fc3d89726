package org.weft.core.pdu;

import java.util.Map;
import org.weft.core.crypto.EventHashes;
import org.weft.core.event.Pdu;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;

/**
 * Step 3 of the receipt checks: "Passes hash checks, otherwise it is redacted before being
 * processed further" (server-server API, "Validating hashes and signatures on received events":
 * the content hash in {@code hashes.sha256} against the one computed over the event). A server that
 * relayed a redacted copy is not lying about the event, so the event stays, without its content.
 */
public final class PduHashes {

    /** The event to go on with, and whether it had to be redacted. */
    public record Checked(Pdu pdu, boolean redacted) {
    }

    private PduHashes() {
    }

    public static Checked check(Pdu pdu, RoomVersion version) {
        if (EventHashes.checkContentHash(pdu.json())) {
            return new Checked(pdu, false);
        }
        Map<String, Object> redacted = Redaction.redact(pdu.json(), version);
        return new Checked(Pdu.of(pdu.eventId(), redacted), true);
    }
}
