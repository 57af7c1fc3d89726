package org.weft.persistence.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A thumbnail of a local media item; its bytes are in the media store under {@link #storeKey()}. */
@Entity
@Table(name = "local_media_thumbnails")
@IdClass(ThumbnailEntity.Key.class)
@NamedQuery(name = ThumbnailEntity.OF_MEDIA, query = "select t from ThumbnailEntity t where t.mediaId = :mediaId")
public class ThumbnailEntity {

    public static final String OF_MEDIA = "ThumbnailEntity.ofMedia";

    @Id
    @Column(name = "media_id", length = 64)
    private String mediaId;

    @Id
    @Column(name = "width")
    private int width;

    @Id
    @Column(name = "height")
    private int height;

    @Id
    @Column(name = "method", length = 8)
    private String method;

    @Id
    @Column(name = "content_type", length = 255)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    protected ThumbnailEntity() {
        // for JPA
    }

    public ThumbnailEntity(String mediaId, int width, int height, String method, String contentType, long sizeBytes) {
        this.mediaId = mediaId;
        this.width = width;
        this.height = height;
        this.method = method;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
    }

    /** Where the media store keeps this thumbnail's bytes. */
    public String storeKey() {
        return "thumbnails/" + mediaId + "/" + width + "x" + height + "-" + method + "." + contentType.substring(6);
    }

    public String getMediaId() {
        return mediaId;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public String getMethod() {
        return method;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String mediaId;
        private int width;
        private int height;
        private String method;
        private String contentType;

        public Key() {
        }

        public static Key of(String mediaId, int width, int height, String method, String contentType) {
            Key key = new Key();
            key.mediaId = mediaId;
            key.width = width;
            key.height = height;
            key.method = method;
            key.contentType = contentType;
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && width == k.width && height == k.height && Objects.equals(mediaId, k.mediaId)
                    && Objects.equals(method, k.method) && Objects.equals(contentType, k.contentType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mediaId, width, height, method, contentType);
        }
    }
}
