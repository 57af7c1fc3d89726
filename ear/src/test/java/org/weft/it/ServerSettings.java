package org.weft.it;

import java.io.IOException;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Changes a Weft setting on the running test server through the management API, as an operator
 * would with jboss-cli. Weft reads settings when used, so the change applies at once.
 */
final class ServerSettings {

    private ServerSettings() {
    }

    static void set(ManagementClient management, String name, String value) {
        ModelNode op = new ModelNode();
        op.get("operation").set("write-attribute");
        op.get("address").add("system-property", name);
        op.get("name").set("value");
        op.get("value").set(value);
        execute(management, op);
    }

    static ModelNode execute(ManagementClient management, ModelNode op) {
        try {
            ModelNode result = management.getControllerClient().execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Management operation failed: " + result);
            }
            return result.get("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
