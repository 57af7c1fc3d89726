package org.weft.ejb.ephemeral;

import java.util.Map;

/**
 * To-device messages for users of another server (a CDI event, fired in the sending request's
 * transaction; federation queues them as an m.direct_to_device EDU).
 *
 * @param content the EDU's content: sender, type, message_id and messages
 */
public record ToDeviceForServer(String destination, Map<String, Object> content) {
}
