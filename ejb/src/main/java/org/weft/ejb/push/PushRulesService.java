package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.core.push.DefaultPushRules;
import org.weft.core.push.PushRule;
import org.weft.core.push.PushRuleSet;
import org.weft.ejb.ephemeral.AccountDataService;
import org.weft.persistence.push.PushRuleDefaultEntity;
import org.weft.persistence.push.PushRuleEntity;

/**
 * A user's push rules (client-server API, "Push Rules: API"): the server-default rules with the
 * user's changes to their enabled flag and actions, and the user's own rules. Every change is one
 * transaction that also updates the {@code m.push_rules} account data, which is how other clients
 * learn of it ("Push Rules: Events"), and evicts the user's compiled set.
 */
@Stateless
public class PushRulesService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    PushRuleCache cache;

    @EJB
    AccountDataService accountData;

    /** The user's compiled rules, from the cache when it has them. */
    public PushRuleSet ruleSet(String userId) {
        PushRuleSet cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        long generation = cache.generation();
        PushRuleSet rules = load(userId);
        cache.put(userId, rules, generation);
        return rules;
    }

    /** GET /pushrules/: {@code {"global": {override, content, room, sender, underride}}}. */
    public Map<String, Object> rules(String userId) {
        return Map.of("global", ruleSet(userId).toJson(userId));
    }

    /** GET /pushrules/global/{kind}/{ruleId}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> rule(String userId, String kind, String ruleId) {
        return (Map<String, Object>) DefaultPushRules.render(find(ruleSet(userId), kind, ruleId).json(), userId);
    }

    /** PUT /pushrules/global/{kind}/{ruleId}?before=&after=: adds or replaces one of the user's own rules. */
    public void put(String userId, String kind, String ruleId, Map<String, Object> body, String before, String after) {
        checkKind(kind);
        if (ruleId.startsWith(".")) {
            throw MatrixException.invalidParam("Rule IDs starting with '.' are reserved for server-default rules");
        }
        if (ruleId.isEmpty() || ruleId.contains("/") || ruleId.contains("\\")) {
            throw MatrixException.invalidParam("Rule IDs may not be empty or contain slashes or backslashes");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule_id", ruleId);
        json.put("default", false);
        json.put("enabled", true);
        json.put("actions", body.get("actions"));
        if ("content".equals(kind)) {
            json.put("pattern", body.get("pattern"));
        } else if ("override".equals(kind) || "underride".equals(kind)) {
            json.put("conditions", body.getOrDefault("conditions", List.of()));
        }
        PushRule compiled;
        try {
            compiled = PushRule.of(kind, json);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw MatrixException.invalidParam(e.getMessage());
        }
        List<PushRuleEntity> ofKind = new ArrayList<>(own(userId, kind));
        PushRuleEntity existing = ofKind.stream().filter(r -> r.getRuleId().equals(ruleId)).findFirst().orElse(null);
        if (existing != null && Boolean.FALSE.equals(parse(existing.getRuleJson()).get("enabled"))) {
            json.put("enabled", false); // an update changes the rule, not whether the user switched it off
            compiled = PushRule.of(kind, json);
        }
        String stored = Json.write(compiled.json());
        if (existing != null) {
            existing.setRuleJson(stored);
        }
        if (before != null || after != null || existing == null) {
            PushRuleEntity moved = existing != null ? existing : new PushRuleEntity(userId, kind, ruleId, 0, stored);
            ofKind.remove(moved);
            ofKind.add(insertionIndex(ofKind, before, after), moved);
            for (int i = 0; i < ofKind.size(); i++) {
                ofKind.get(i).setPosition(i);
            }
            if (existing == null) {
                em.persist(moved);
            }
        }
        changed(userId);
    }

    /** DELETE /pushrules/global/{kind}/{ruleId}: only the user's own rules can go. */
    public void delete(String userId, String kind, String ruleId) {
        PushRule rule = find(ruleSet(userId), kind, ruleId);
        if (rule.isDefault()) {
            throw MatrixException.invalidParam("Server-default rules cannot be deleted; disable them instead");
        }
        em.remove(em.find(PushRuleEntity.class, PushRuleEntity.Key.of(userId, kind, ruleId)));
        changed(userId);
    }

    /** PUT /pushrules/global/{kind}/{ruleId}/enabled. */
    public void setEnabled(String userId, String kind, String ruleId, boolean enabled) {
        PushRule rule = find(ruleSet(userId), kind, ruleId);
        if (rule.isDefault()) {
            defaultChange(userId, ruleId).setEnabled(enabled);
        } else {
            updateOwn(userId, kind, rule, "enabled", enabled);
        }
        changed(userId);
    }

    /** PUT /pushrules/global/{kind}/{ruleId}/actions. */
    public void setActions(String userId, String kind, String ruleId, List<Object> actions) {
        PushRule rule = find(ruleSet(userId), kind, ruleId);
        Map<String, Object> json = new LinkedHashMap<>(rule.json());
        json.put("actions", actions);
        try {
            PushRule.of(kind, json); // the actions must parse
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam(e.getMessage());
        }
        if (rule.isDefault()) {
            defaultChange(userId, ruleId).setActionsJson(Json.write(actions));
        } else {
            updateOwn(userId, kind, rule, "actions", actions);
        }
        changed(userId);
    }

    private PushRuleSet load(String userId) {
        Map<String, PushRuleDefaultEntity> changes = new LinkedHashMap<>();
        for (PushRuleDefaultEntity change : em.createNamedQuery(PushRuleDefaultEntity.OF_USER, PushRuleDefaultEntity.class)
                .setParameter("userId", userId).getResultList()) {
            changes.put(change.getRuleId(), change);
        }
        List<PushRuleEntity> ownRules = em.createNamedQuery(PushRuleEntity.OF_USER, PushRuleEntity.class)
                .setParameter("userId", userId).getResultList();
        if (changes.isEmpty() && ownRules.isEmpty()) {
            return DefaultPushRules.standard(); // shared by every such user: evaluation groups them
        }
        Map<String, List<PushRule>> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, List<PushRule>> kind : DefaultPushRules.rules().entrySet()) {
            List<PushRule> rules = new ArrayList<>();
            for (PushRule rule : kind.getValue()) {
                PushRuleDefaultEntity change = changes.get(rule.ruleId());
                rules.add(change == null ? rule : withChange(rule, change));
            }
            defaults.put(kind.getKey(), rules);
        }
        Map<String, List<PushRule>> own = new LinkedHashMap<>();
        for (PushRuleEntity entity : ownRules) {
            own.computeIfAbsent(entity.getKind(), k -> new ArrayList<>()).add(PushRule.of(entity.getKind(), parse(entity.getRuleJson())));
        }
        return PushRuleSet.of(own, defaults);
    }

    private static PushRule withChange(PushRule rule, PushRuleDefaultEntity change) {
        Map<String, Object> json = new LinkedHashMap<>(rule.json());
        if (change.getEnabled() != null) {
            json.put("enabled", change.getEnabled());
        }
        if (change.getActionsJson() != null) {
            json.put("actions", Json.parse(change.getActionsJson()));
        }
        return PushRule.of(rule.kind(), json);
    }

    private void updateOwn(String userId, String kind, PushRule rule, String member, Object value) {
        PushRuleEntity entity = em.find(PushRuleEntity.class, PushRuleEntity.Key.of(userId, kind, rule.ruleId()));
        Map<String, Object> json = new LinkedHashMap<>(rule.json());
        json.put(member, value);
        entity.setRuleJson(Json.write(json));
    }

    private PushRuleDefaultEntity defaultChange(String userId, String ruleId) {
        PushRuleDefaultEntity change = em.find(PushRuleDefaultEntity.class, PushRuleDefaultEntity.Key.of(userId, ruleId));
        if (change == null) {
            change = new PushRuleDefaultEntity(userId, ruleId);
            em.persist(change);
        }
        return change;
    }

    private List<PushRuleEntity> own(String userId, String kind) {
        return em.createNamedQuery(PushRuleEntity.OF_USER, PushRuleEntity.class).setParameter("userId", userId)
                .getResultList().stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    /** Where before/after put a rule among the user's own rules of its kind (spec: relative to user rules only). */
    private static int insertionIndex(List<PushRuleEntity> ofKind, String before, String after) {
        if (before != null) {
            return indexOf(ofKind, before);
        }
        if (after != null) {
            return indexOf(ofKind, after) + 1;
        }
        return 0; // spec: a new rule is the most important user rule of its kind
    }

    private static int indexOf(List<PushRuleEntity> ofKind, String ruleId) {
        for (int i = 0; i < ofKind.size(); i++) {
            if (ofKind.get(i).getRuleId().equals(ruleId)) {
                return i;
            }
        }
        throw new MatrixException(ErrCode.M_UNKNOWN, 400, "before/after rule not found: " + ruleId, Map.of());
    }

    /** Tells the user's other clients (m.push_rules account data) and forgets the compiled set. */
    private void changed(String userId) {
        em.flush();
        cache.evict(userId);
        accountData.put(userId, null, "m.push_rules", Map.of("global", load(userId).toJson(userId)));
    }

    private static PushRule find(PushRuleSet rules, String kind, String ruleId) {
        checkKind(kind);
        return rules.rules().stream().filter(r -> r.kind().equals(kind) && r.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> MatrixException.notFound("The push rule was not found"));
    }

    private static void checkKind(String kind) {
        if (!PushRule.KINDS.contains(kind)) {
            throw MatrixException.invalidParam("Unknown push rule kind: " + kind);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }
}
