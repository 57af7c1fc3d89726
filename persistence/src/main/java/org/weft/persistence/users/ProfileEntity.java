package org.weft.persistence.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A local user's public profile: display name and avatar (client-server API, "Profiles"). */
@Entity
@Table(name = "profiles")
public class ProfileEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Column(name = "displayname", length = 1024)
    private String displayname;

    @Column(name = "avatar_url", length = 1024)
    private String avatarUrl;

    protected ProfileEntity() {
        // for JPA
    }

    public ProfileEntity(String userId, String displayname, String avatarUrl) {
        this.userId = userId;
        this.displayname = displayname;
        this.avatarUrl = avatarUrl;
    }

    public String getUserId() {
        return userId;
    }

    public String getDisplayname() {
        return displayname;
    }

    public void setDisplayname(String displayname) {
        this.displayname = displayname;
    }

    public String getAvatarUrl() {
        return avatarUrl;
    }

    public void setAvatarUrl(String avatarUrl) {
        this.avatarUrl = avatarUrl;
    }
}
