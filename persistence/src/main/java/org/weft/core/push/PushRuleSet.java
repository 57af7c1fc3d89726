package org.weft.core.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's push rules in evaluation order (client-server API, "Push Rules", "Predefined Rules"):
 * {@code .m.rule.master} first, then per kind (override, content, room, sender, underride) the
 * user's rules before the server-default ones. The first enabled rule whose conditions hold
 * decides.
 *
 * <p>The legacy body-mention rules ({@code .m.rule.contains_display_name},
 * {@code .m.rule.contains_user_name}, {@code .m.rule.roomnotif}; dropped from the spec's list in
 * v1.17, kept here as server-default rules for clients that do not send {@code m.mentions}) are
 * skipped for events whose content has {@code m.mentions}, as intentional mentions (MSC3952)
 * prescribe: such events say whom they mention.
 *
 * @param rules every rule, in evaluation order
 */
public record PushRuleSet(List<PushRule> rules) {

    private static final Set<String> LEGACY_MENTION_RULES = Set.of(".m.rule.contains_display_name",
            ".m.rule.contains_user_name", ".m.rule.roomnotif");

    public PushRuleSet {
        rules = List.copyOf(rules);
    }

    /**
     * Orders user and server-default rules as the spec ranks them.
     *
     * @param user     the user's own rules per kind, in their order
     * @param defaults the server-default rules per kind (with the user's enabled/actions overrides applied)
     */
    public static PushRuleSet of(Map<String, List<PushRule>> user, Map<String, List<PushRule>> defaults) {
        List<PushRule> ordered = new ArrayList<>();
        List<PushRule> defaultOverrides = defaults.getOrDefault("override", List.of());
        defaultOverrides.stream().filter(r -> ".m.rule.master".equals(r.ruleId())).forEach(ordered::add);
        for (String kind : PushRule.KINDS) {
            ordered.addAll(user.getOrDefault(kind, List.of()));
            defaults.getOrDefault(kind, List.of()).stream().filter(r -> !".m.rule.master".equals(r.ruleId()))
                    .forEach(ordered::add);
        }
        return new PushRuleSet(ordered);
    }

    /** The deciding rule for this event, if any. */
    public Optional<PushRule> match(PushContext context) {
        boolean intentionalMentions = context.event().get("content") instanceof Map<?, ?> content
                && content.containsKey("m.mentions");
        for (int i = 0, n = rules.size(); i < n; i++) {
            PushRule rule = rules.get(i);
            if (rule.matches(context) && !(intentionalMentions && LEGACY_MENTION_RULES.contains(rule.ruleId()))) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** What the event means for the user: the deciding rule's actions, or none. */
    public PushActions evaluate(PushContext context) {
        return match(context).map(PushRule::actions).orElse(PushActions.NONE);
    }

    /**
     * Prepares matching one event for many users: each rule's conditions that do not depend on
     * the user are checked once here, so that per user only the user-specific ones remain (with
     * the default rules, three of about twenty conditions).
     *
     * @param room the event's context with no user in it
     */
    public Prepared prepare(PushContext room) {
        boolean intentionalMentions = room.event().get("content") instanceof Map<?, ?> content
                && content.containsKey("m.mentions");
        boolean[] candidate = new boolean[rules.size()];
        for (int i = 0; i < candidate.length; i++) {
            PushRule rule = rules.get(i);
            candidate[i] = rule.enabled() && !(intentionalMentions && LEGACY_MENTION_RULES.contains(rule.ruleId()))
                    && rule.conditions().stream().allMatch(c -> c.userSpecific() || c.matches(room));
        }
        return new Prepared(this, candidate);
    }

    /** A rule set prepared for one event ({@link #prepare}). */
    public record Prepared(PushRuleSet set, boolean[] candidate) {
        /** The deciding rule for this user, or null. */
        public PushRule match(PushContext user) {
            for (int i = 0; i < candidate.length; i++) {
                if (!candidate[i]) {
                    continue;
                }
                PushRule rule = set.rules.get(i);
                if (!rule.userSpecific() || rule.conditions().stream().allMatch(c -> !c.userSpecific() || c.matches(user))) {
                    return rule;
                }
            }
            return null;
        }
    }

    /** {@code {"override": [...], "content": [...], ...}} as GET /pushrules/global returns it for the user. */
    public Map<String, Object> toJson(String userId) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String kind : PushRule.KINDS) {
            json.put(kind, new ArrayList<>());
        }
        for (PushRule rule : rules) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) json.get(rule.kind());
            list.add(DefaultPushRules.render(rule.json(), userId));
        }
        return json;
    }
}
