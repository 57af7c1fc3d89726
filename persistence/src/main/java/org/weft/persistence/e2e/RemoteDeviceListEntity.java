package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The device list of another server's user, as that server last described it (server-server API,
 * "Device Management"): the body of its {@code GET /user/devices/{userId}} answer, kept up to date
 * by {@code m.device_list_update} and {@code m.signing_key_update} EDUs. {@code stale} marks a list
 * an update could not be applied to (a gap in {@code prev_id}); it is fetched again when asked for.
 */
@Entity
@Table(name = "remote_device_lists")
public class RemoteDeviceListEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Column(name = "remote_stream_id", nullable = false)
    private long remoteStreamId;

    @Column(name = "devices_json", nullable = false, length = 1000000)
    private String json;

    @Column(name = "stale", nullable = false)
    private boolean stale;

    @Column(name = "stream_pos", nullable = false)
    private long streamPos;

    protected RemoteDeviceListEntity() {
        // for JPA
    }

    public RemoteDeviceListEntity(String userId, long remoteStreamId, String json, long streamPos) {
        this.userId = userId;
        update(remoteStreamId, json, streamPos);
    }

    /** A description that is up to date, taken at our stream position {@code streamPos}. */
    public final void update(long remoteStreamId, String json, long streamPos) {
        this.remoteStreamId = remoteStreamId;
        this.json = json;
        this.stale = false;
        this.streamPos = streamPos;
    }

    /** The list changed in a way not known here: clients are told, and the next query fetches it. */
    public void markStale(long streamPos) {
        this.stale = true;
        this.streamPos = streamPos;
    }

    public String getUserId() {
        return userId;
    }

    public long getRemoteStreamId() {
        return remoteStreamId;
    }

    public String getJson() {
        return json;
    }

    public boolean isStale() {
        return stale;
    }

    public long getStreamPos() {
        return streamPos;
    }
}
