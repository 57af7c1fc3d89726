package org.weft.ejb.federation.membership;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.event.Pdu;

/**
 * Another server's signature taken from its copy of our event (an invite it countersigned, a
 * restricted join it vouched for): only that server's signatures are taken, anything else it
 * changed is ignored. The event ID does not change, as signatures are not part of it.
 */
final class AddedSignatures {

    private AddedSignatures() {
    }

    /** Our event with {@code server}'s signatures from {@code theirCopy}, or null when that copy has none. */
    static Pdu of(Pdu ours, Object theirCopy, String server) {
        if (!(theirCopy instanceof Map<?, ?> copy) || !(copy.get("signatures") instanceof Map<?, ?> theirs)
                || !(theirs.get(server) instanceof Map<?, ?> serverSignatures)) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>(ours.json());
        Map<String, Object> signatures = new LinkedHashMap<>();
        if (ours.json().get("signatures") instanceof Map<?, ?> existing) {
            existing.forEach((name, keys) -> signatures.put((String) name, keys));
        }
        signatures.put(server, serverSignatures);
        json.put("signatures", signatures);
        return Pdu.of(ours.eventId(), json);
    }
}
