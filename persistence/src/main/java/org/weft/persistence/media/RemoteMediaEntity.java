package org.weft.persistence.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A copy of another server's media item, fetched over federation; its bytes are in the media
 * store. The cache is bounded (weft.media.remote_cache_max_*): least recently accessed goes first.
 */
@Entity
@Table(name = "remote_media_cache")
@IdClass(RemoteMediaEntity.Key.class)
@NamedQueries({
    @NamedQuery(name = RemoteMediaEntity.TOTALS,
            query = "select count(m), coalesce(sum(m.sizeBytes), 0) from RemoteMediaEntity m"),
    @NamedQuery(name = RemoteMediaEntity.LEAST_RECENT,
            query = "select m from RemoteMediaEntity m order by m.lastAccessTs, m.cachedTs")
})
public class RemoteMediaEntity {

    public static final String TOTALS = "RemoteMediaEntity.totals";
    public static final String LEAST_RECENT = "RemoteMediaEntity.leastRecent";

    @Id
    @Column(name = "server_name", length = 255)
    private String serverName;

    @Id
    @Column(name = "media_id", length = 255)
    private String mediaId;

    @Column(name = "content_type", length = 255)
    private String contentType;

    @Column(name = "upload_name", length = 1024)
    private String uploadName;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "cached_ts", nullable = false)
    private long cachedTs;

    @Column(name = "last_access_ts", nullable = false)
    private long lastAccessTs;

    @Column(name = "quarantined", nullable = false)
    private boolean quarantined;

    @Column(name = "after_freeze", nullable = false)
    private boolean afterFreeze;

    @Column(name = "width")
    private Integer width;

    @Column(name = "height")
    private Integer height;

    protected RemoteMediaEntity() {
    }

    public RemoteMediaEntity(String serverName, String mediaId, String contentType, String uploadName, long sizeBytes,
                             String sha256, long now, boolean afterFreeze, Integer width, Integer height) {
        this.serverName = serverName;
        this.mediaId = mediaId;
        this.contentType = contentType;
        this.uploadName = uploadName;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.cachedTs = now;
        this.lastAccessTs = now;
        this.afterFreeze = afterFreeze;
        this.width = width;
        this.height = height;
    }

    public void accessed(long now) {
        if (now - lastAccessTs > 60_000) { // coarse on purpose: a hot item need not be written per download
            lastAccessTs = now;
        }
    }

    public void quarantine() {
        quarantined = true;
    }

    public String getServerName() {
        return serverName;
    }

    public String getMediaId() {
        return mediaId;
    }

    public String getContentType() {
        return contentType;
    }

    public String getUploadName() {
        return uploadName;
    }

    public long getSizeBytes() {
        return sizeBytes;
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

    /** The composite primary key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String serverName;
        private String mediaId;

        public Key() {
        }

        public static Key of(String serverName, String mediaId) {
            Key key = new Key();
            key.serverName = serverName;
            key.mediaId = mediaId;
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(serverName, k.serverName) && Objects.equals(mediaId, k.mediaId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serverName, mediaId);
        }
    }
}
