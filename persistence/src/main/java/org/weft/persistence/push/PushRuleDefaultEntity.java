package org.weft.persistence.push;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A user's change to a server-default push rule: enabled and/or actions (null: the default's). */
@Entity
@Table(name = "push_rule_defaults")
@IdClass(PushRuleDefaultEntity.Key.class)
@NamedQueries({
    @NamedQuery(name = PushRuleDefaultEntity.OF_USER,
            query = "select d from PushRuleDefaultEntity d where d.userId = :userId")
})
public class PushRuleDefaultEntity {

    public static final String OF_USER = "PushRuleDefaultEntity.ofUser";

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "rule_id", length = 255)
    private String ruleId;

    @Column(name = "enabled")
    private Boolean enabled;

    @Column(name = "actions_json", length = 100000)
    private String actionsJson;

    protected PushRuleDefaultEntity() {
    }

    public PushRuleDefaultEntity(String userId, String ruleId) {
        this.userId = userId;
        this.ruleId = ruleId;
    }

    public String getRuleId() {
        return ruleId;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getActionsJson() {
        return actionsJson;
    }

    public void setActionsJson(String actionsJson) {
        this.actionsJson = actionsJson;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String ruleId;

        public Key() {
        }

        public static Key of(String userId, String ruleId) {
            Key key = new Key();
            key.userId = userId;
            key.ruleId = ruleId;
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(ruleId, k.ruleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, ruleId);
        }
    }
}
