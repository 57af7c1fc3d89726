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

/** One of a user's own push rules, its JSON as clients see it. */
@Entity
@Table(name = "push_rules")
@IdClass(PushRuleEntity.Key.class)
@NamedQueries({
    @NamedQuery(name = PushRuleEntity.OF_USER,
            query = "select r from PushRuleEntity r where r.userId = :userId order by r.kind, r.position")
})
public class PushRuleEntity {

    public static final String OF_USER = "PushRuleEntity.ofUser";

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "kind", length = 16)
    private String kind;

    @Id
    @Column(name = "rule_id", length = 255)
    private String ruleId;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "rule_json", nullable = false, length = 100000)
    private String ruleJson;

    protected PushRuleEntity() {
    }

    public PushRuleEntity(String userId, String kind, String ruleId, int position, String ruleJson) {
        this.userId = userId;
        this.kind = kind;
        this.ruleId = ruleId;
        this.position = position;
        this.ruleJson = ruleJson;
    }

    public String getKind() {
        return kind;
    }

    public String getRuleId() {
        return ruleId;
    }

    public int getPosition() {
        return position;
    }

    public void setPosition(int position) {
        this.position = position;
    }

    public String getRuleJson() {
        return ruleJson;
    }

    public void setRuleJson(String ruleJson) {
        this.ruleJson = ruleJson;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String kind;
        private String ruleId;

        public Key() {
        }

        public static Key of(String userId, String kind, String ruleId) {
            Key key = new Key();
            key.userId = userId;
            key.kind = kind;
            key.ruleId = ruleId;
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(kind, k.kind)
                    && Objects.equals(ruleId, k.ruleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, kind, ruleId);
        }
    }
}
