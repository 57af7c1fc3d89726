package org.weft.ejb.rooms;

import java.util.List;
import java.util.Map;

/**
 * A POST /createRoom request as parsed by the web layer (client-server API, "Creation").
 *
 * @param initialState each entry: type, state_key (default ""), content
 */
public record CreateRoomRequest(String visibility, String roomAliasName, String name, String topic,
                                List<String> invite, String preset, List<InitialStateEvent> initialState,
                                Map<String, Object> powerLevelContentOverride,
                                Map<String, Object> creationContent, String roomVersion, boolean isDirect) {

    /** One {@code initial_state} entry. */
    public record InitialStateEvent(String type, String stateKey, Map<String, Object> content) {
    }
}
