package org.weft.persistence.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A local media item: created pending by POST /media/v1/create or complete by an upload; its
 * bytes are in the media store under its media ID.
 */
@Entity
@Table(name = "local_media")
@NamedQueries({
    @NamedQuery(name = MediaEntity.USAGE, query = "select count(m), coalesce(sum(m.sizeBytes), 0) from MediaEntity m"
            + " where m.uploader = :uploader and m.uploadedTs is not null"),
    @NamedQuery(name = MediaEntity.PENDING, query = "select count(m) from MediaEntity m where m.uploader = :uploader"
            + " and m.uploadedTs is null and m.pendingUntil > :now")
})
public class MediaEntity {

    public static final String USAGE = "MediaEntity.usage";
    public static final String PENDING = "MediaEntity.pending";

    @Id
    @Column(name = "media_id", length = 64)
    private String mediaId;

    @Column(name = "uploader", nullable = false, length = 255)
    private String uploader;

    @Column(name = "content_type", length = 255)
    private String contentType;

    @Column(name = "upload_name", length = 1024)
    private String uploadName;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    @Column(name = "uploaded_ts")
    private Long uploadedTs;

    @Column(name = "pending_until")
    private Long pendingUntil;

    @Column(name = "last_access_ts")
    private Long lastAccessTs;

    @Column(name = "quarantined", nullable = false)
    private boolean quarantined;

    @Column(name = "after_freeze", nullable = false)
    private boolean afterFreeze;

    @Column(name = "width")
    private Integer width;

    @Column(name = "height")
    private Integer height;

    protected MediaEntity() {
        // for JPA
    }

    /** A pending item (POST /create): no bytes until {@code pendingUntil}. */
    public static MediaEntity pending(String mediaId, String uploader, long now, long pendingUntil, boolean afterFreeze) {
        MediaEntity media = new MediaEntity();
        media.mediaId = mediaId;
        media.uploader = uploader;
        media.createdTs = now;
        media.pendingUntil = pendingUntil;
        media.afterFreeze = afterFreeze;
        return media;
    }

    /** The bytes arrived: the item is complete and downloadable. */
    public void uploaded(String contentType, String uploadName, long sizeBytes, String sha256, long now,
                         Integer width, Integer height) {
        this.contentType = contentType;
        this.uploadName = uploadName;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.uploadedTs = now;
        this.pendingUntil = null;
        this.width = width;
        this.height = height;
    }

    public void accessed(long now) {
        this.lastAccessTs = now;
    }

    public void quarantine() {
        this.quarantined = true;
    }

    public String getMediaId() {
        return mediaId;
    }

    public String getUploader() {
        return uploader;
    }

    public String getContentType() {
        return contentType;
    }

    public String getUploadName() {
        return uploadName;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public String getSha256() {
        return sha256;
    }

    public long getCreatedTs() {
        return createdTs;
    }

    public Long getUploadedTs() {
        return uploadedTs;
    }

    public Long getPendingUntil() {
        return pendingUntil;
    }

    public boolean isQuarantined() {
        return quarantined;
    }

    public boolean isAfterFreeze() {
        return afterFreeze;
    }

    public Integer getWidth() {
        return width;
    }

    public Integer getHeight() {
        return height;
    }
}
