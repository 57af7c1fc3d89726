package org.weft.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.crypto.UnpaddedBase64;
import org.weft.core.event.Pdu;

/**
 * The ed25519 check of a third-party invite (rooms/v1 "Authorisation rules" 5.3.1.7, 4.4.1.7 from
 * room version 6): "If any signature in {@code signed} matches any public key in the
 * {@code m.room.third_party_invite} event, allow." The public keys are the event's
 * {@code content.public_key} and each {@code content.public_keys[].public_key}, Base64 (identity
 * servers use the standard alphabet; the URL-safe one is accepted too); each signature in
 * {@code signed.signatures}, by any entity, is checked as the appendix's "Checking for a
 * Signature" says, over {@code signed} without {@code signatures} and {@code unsigned}.
 */
public final class SignedThirdPartyInvites implements ThirdPartyInviteVerifier {

    public static final SignedThirdPartyInvites INSTANCE = new SignedThirdPartyInvites();

    private SignedThirdPartyInvites() {
    }

    @Override
    public boolean anySignatureMatches(Map<String, Object> signed, Pdu thirdPartyInvite) {
        if (!(signed.get("signatures") instanceof Map<?, ?> signatures)) {
            return false;
        }
        List<byte[]> keys = publicKeys(thirdPartyInvite.content());
        for (Map.Entry<?, ?> entity : signatures.entrySet()) {
            if (!(entity.getKey() instanceof String name) || !(entity.getValue() instanceof Map<?, ?> byKey)) {
                continue;
            }
            for (Object keyId : byKey.keySet()) {
                if (keyId instanceof String id && id.startsWith("ed25519:")) {
                    for (byte[] key : keys) {
                        if (JsonSigning.verify(signed, name, id, key)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The event's public keys that decode; those that do not are skipped. */
    static List<byte[]> publicKeys(Map<String, Object> content) {
        List<Object> encoded = new ArrayList<>();
        encoded.add(content.get("public_key"));
        if (content.get("public_keys") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> key) {
                    encoded.add(key.get("public_key"));
                }
            }
        }
        List<byte[]> keys = new ArrayList<>();
        for (Object value : encoded) {
            if (value instanceof String text) {
                byte[] key = decode(text);
                if (key != null && key.length == 32) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static byte[] decode(String text) {
        try {
            return UnpaddedBase64.decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return UnpaddedBase64.decodeUrlSafe(text);
            } catch (IllegalArgumentException again) {
                return null;
            }
        }
    }
}
