package org.weft.web.client;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.users.AccountActions;
import org.weft.ejb.users.DeviceInfo;
import org.weft.ejb.users.DeviceService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;

/** The signed-in user's devices (client-server API, "Device management"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DevicesResource {

    @EJB
    DeviceService devices;

    @EJB
    AccountActions actions;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/devices}. */
    @GET
    @Path("/v3/devices")
    public Map<String, Object> list() {
        return Map.of("devices", devices.list(requester.get().userId()));
    }

    /** {@code GET /_matrix/client/v3/devices/{deviceId}}: 404 M_NOT_FOUND for a device the user lacks. */
    @GET
    @Path("/v3/devices/{deviceId}")
    public DeviceInfo get(@PathParam("deviceId") String deviceId) {
        return devices.get(requester.get().userId(), deviceId);
    }

    /** {@code PUT /_matrix/client/v3/devices/{deviceId}}: sets the display name. */
    @PUT
    @Path("/v3/devices/{deviceId}")
    public Map<String, Object> update(@PathParam("deviceId") String deviceId, JsonObject body) {
        devices.rename(requester.get().userId(), deviceId, body.optString("display_name"));
        return Map.of();
    }

    /** {@code DELETE /_matrix/client/v3/devices/{deviceId}}: UIA with m.login.password. */
    @DELETE
    @Path("/v3/devices/{deviceId}")
    public Map<String, Object> delete(@PathParam("deviceId") String deviceId, @OptionalBody JsonObject body) {
        actions.deleteDevice(requester.get(), deviceId, body.optObject("auth"));
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/delete_devices}: UIA with m.login.password. */
    @POST
    @Path("/v3/delete_devices")
    public Map<String, Object> deleteMany(JsonObject body) {
        List<String> ids = body.optStringList("devices");
        if (ids == null) {
            throw MatrixException.missingParam("devices");
        }
        actions.deleteDevices(requester.get(), ids, body.optObject("auth"));
        return Map.of();
    }
}
