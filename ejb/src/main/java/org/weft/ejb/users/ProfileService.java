package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.persistence.rooms.CurrentStateEntity;
import org.weft.persistence.users.AccountEntity;
import org.weft.persistence.users.ProfileEntity;

/**
 * Profiles (client-server API, "Profiles"): display name and avatar URL of local users. A change
 * is sent into every room the user is joined to as a new m.room.member event (spec: "Events on
 * Change of Profile"), in the same transaction. Users who never set a display name show their
 * localpart, as Synapse does.
 */
@Stateless
public class ProfileService {

    static final int MAX_LENGTH = 1024;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    /** GET /profile/{userId}: 404 M_NOT_FOUND for users this server does not have. */
    public Map<String, Object> profile(String userId) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null) {
            throw MatrixException.notFound("No such user " + userId);
        }
        return memberFields(userId, account);
    }

    /** The profile fields a join event of the user carries. */
    public Map<String, Object> memberFields(String userId) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        return account == null ? Map.of() : memberFields(userId, account);
    }

    private Map<String, Object> memberFields(String userId, AccountEntity account) {
        ProfileEntity profile = em.find(ProfileEntity.class, userId);
        Map<String, Object> fields = new LinkedHashMap<>();
        String name = profile == null ? account.getLocalpart() : profile.getDisplayname();
        if (name != null) {
            fields.put("displayname", name);
        }
        if (profile != null && profile.getAvatarUrl() != null) {
            fields.put("avatar_url", profile.getAvatarUrl());
        }
        return fields;
    }

    /** PUT /profile/{userId}/displayname or /avatar_url; null removes the field. */
    public void set(String userId, String field, String value) {
        if (value != null && value.length() > MAX_LENGTH) {
            throw MatrixException.invalidParam(field + " must be at most " + MAX_LENGTH + " characters");
        }
        if ("avatar_url".equals(field) && value != null && !value.isEmpty() && !value.startsWith("mxc://")) {
            throw MatrixException.invalidParam("avatar_url must be an mxc:// URI");
        }
        AccountEntity account = em.find(AccountEntity.class, userId);
        ProfileEntity profile = em.find(ProfileEntity.class, userId);
        if (profile == null) {
            profile = new ProfileEntity(userId, account.getLocalpart(), null);
            em.persist(profile);
        }
        String stored = value == null || value.isEmpty() ? null : value;
        if ("displayname".equals(field)) {
            profile.setDisplayname(stored);
        } else {
            profile.setAvatarUrl(stored);
        }
        announce(userId, memberFields(userId, account));
    }

    /** A new join event, with the new profile, in each room the user is joined to. */
    private void announce(String userId, Map<String, Object> fields) {
        List<CurrentStateEntity> rows = em.createQuery("select s from CurrentStateEntity s where s.type = 'm.room.member'"
                + " and s.stateKey = :userId and s.membership = 'join'", CurrentStateEntity.class)
                .setParameter("userId", userId).getResultList();
        for (CurrentStateEntity row : rows) {
            Pdu current = reader.pdu(row.getEventId());
            Map<String, Object> content = new LinkedHashMap<>(current.content());
            content.remove("displayname");
            content.remove("avatar_url");
            content.remove("reason");
            content.putAll(fields);
            events.append(row.getRoomId(), userId, EventDraft.state("m.room.member", userId, content));
        }
    }
}
