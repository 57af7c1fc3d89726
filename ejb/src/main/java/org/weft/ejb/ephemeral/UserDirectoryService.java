package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.ProfileService;

/**
 * POST /user_directory/search (client-server API, "User directory"): users whose ID or display
 * name contains the search term, among those sharing a joined room with the searcher, or among all
 * local users when {@code weft.user_directory.search_all_users} is on.
 */
@Stateless
public class UserDirectoryService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @EJB
    ProfileService profiles;

    public Map<String, Object> search(String searcher, String term, int limit) {
        String needle = term.toLowerCase(Locale.ROOT);
        List<String> candidates = settings.userDirectorySearchAllUsers()
                ? em.createQuery("select a.userId from AccountEntity a where a.deactivated = false order by a.userId",
                        String.class).getResultList()
                : em.createQuery("select distinct m.stateKey from CurrentStateEntity m where m.type = 'm.room.member'"
                        + " and m.membership = 'join' and m.roomId in (select s.roomId from CurrentStateEntity s where"
                        + " s.type = 'm.room.member' and s.stateKey = :userId and s.membership = 'join')"
                        + " order by m.stateKey", String.class).setParameter("userId", searcher).getResultList();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean limited = false;
        for (String userId : candidates) {
            Map<String, Object> profile = profiles.memberFields(userId);
            Object name = profile.get("displayname");
            boolean match = userId.toLowerCase(Locale.ROOT).contains(needle)
                    || (name instanceof String s && s.toLowerCase(Locale.ROOT).contains(needle));
            if (!match) {
                continue;
            }
            if (results.size() == limit) {
                limited = true;
                break;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("user_id", userId);
            if (name != null) {
                result.put("display_name", name);
            }
            if (profile.get("avatar_url") != null) {
                result.put("avatar_url", profile.get("avatar_url"));
            }
            results.add(result);
        }
        return Map.of("results", results, "limited", limited);
    }
}
