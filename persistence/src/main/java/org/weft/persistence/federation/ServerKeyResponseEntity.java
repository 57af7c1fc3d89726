package org.weft.persistence.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A server's last response about its own keys ({@code GET /_matrix/key/v2/server}), as signed. */
@Entity
@Table(name = "server_key_responses")
public class ServerKeyResponseEntity {

    @Id
    @Column(name = "server_name", length = 255)
    private String serverName;

    @Column(name = "response_json", nullable = false, length = 100000)
    private String responseJson;

    @Column(name = "valid_until_ts", nullable = false)
    private long validUntilTs;

    @Column(name = "fetched_ts", nullable = false)
    private long fetchedTs;

    protected ServerKeyResponseEntity() {
    }

    public ServerKeyResponseEntity(String serverName, String responseJson, long validUntilTs, long fetchedTs) {
        this.serverName = serverName;
        this.responseJson = responseJson;
        this.validUntilTs = validUntilTs;
        this.fetchedTs = fetchedTs;
    }

    /** A newer response replaces the stored one. */
    public void replace(String json, long validUntil, long fetched) {
        this.responseJson = json;
        this.validUntilTs = validUntil;
        this.fetchedTs = fetched;
    }

    public String getServerName() {
        return serverName;
    }

    public String getResponseJson() {
        return responseJson;
    }

    public long getValidUntilTs() {
        return validUntilTs;
    }

    public long getFetchedTs() {
        return fetchedTs;
    }
}
