package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One key backup version of a user; deleted versions stay as tombstones so numbers are never reused. */
@Entity
@Table(name = "e2e_backup_versions")
@IdClass(BackupVersionEntity.Key.class)
public class BackupVersionEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "version")
    private long version;

    @Column(name = "algorithm", nullable = false, length = 255)
    private String algorithm;

    @Column(name = "auth_data", nullable = false, length = 100000)
    private String authData;

    @Column(name = "etag", nullable = false)
    private long etag;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    protected BackupVersionEntity() {
        // for JPA
    }

    public BackupVersionEntity(String userId, long version, String algorithm, String authData) {
        this.userId = userId;
        this.version = version;
        this.algorithm = algorithm;
        this.authData = authData;
    }

    public String getUserId() {
        return userId;
    }

    public long getVersion() {
        return version;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getAuthData() {
        return authData;
    }

    public void setAuthData(String authData) {
        this.authData = authData;
    }

    public long getEtag() {
        return etag;
    }

    public void bumpEtag() {
        etag++;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public void delete() {
        deleted = true;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private long version;

        public Key() {
            // for JPA
        }

        public Key(String userId, long version) {
            this.userId = userId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, version);
        }
    }
}
