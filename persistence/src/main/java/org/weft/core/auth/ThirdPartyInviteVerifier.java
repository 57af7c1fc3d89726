package org.weft.core.auth;

import java.util.Map;
import org.weft.core.event.Pdu;

/**
 * The cryptographic step of the third-party invite rule (rooms/v1 "Authorisation rules", rule
 * 5.3.1.7; rule 4.4.1.7 from room version 6 on): "If any signature in {@code signed} matches any
 * public key in the {@code m.room.third_party_invite} event, allow." The public keys are the
 * event's {@code content.public_key} and each {@code content.public_keys[].public_key}.
 *
 * <p>{@link EventAuthRules} checks everything structural itself (target not banned, {@code signed}
 * with {@code mxid} and {@code token}, {@code mxid} equal to the state key, a matching
 * {@code m.room.third_party_invite} sent by the same user) and only asks this hook for the ed25519
 * verification, which needs Canonical JSON signing of {@code signed} ("Signing JSON").
 *
 * <p>{@link SignedThirdPartyInvites} is the implementation; {@link #REJECT_ALL} is for tests that
 * want every third-party invite refused.
 */
@FunctionalInterface
public interface ThirdPartyInviteVerifier {

    /** Rejects every third-party invite (tests). */
    ThirdPartyInviteVerifier REJECT_ALL = (signed, thirdPartyInvite) -> false;

    /**
     * @param signed           {@code content.third_party_invite.signed} of the invite, with
     *                         {@code mxid}, {@code token} and {@code signatures}
     * @param thirdPartyInvite the room's {@code m.room.third_party_invite} event for the token
     * @return whether any signature in {@code signed} verifies with any of its public keys
     */
    boolean anySignatureMatches(Map<String, Object> signed, Pdu thirdPartyInvite);
}
