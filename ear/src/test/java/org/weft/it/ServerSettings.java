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

    /**
     * Reloads the server (every service restarts, the JVM stays) and waits until it runs again.
     * The reload operation answers before the server goes down: wait until it has been seen not
     * running (or unreachable), then until it runs again, so later tests find a booted server.
     */
    static void reload(ManagementClient management) throws InterruptedException {
        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        try {
            management.getControllerClient().execute(reload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofSeconds(120));
        boolean wentDown = false;
        while (java.time.Instant.now().isBefore(deadline)) {
            String state = serverState(management);
            if (!"running".equals(state)) {
                wentDown = true;
            } else if (wentDown) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server did not reload within 120 s");
    }

    private static String serverState(ManagementClient management) {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").setEmptyList();
        read.get("name").set("server-state");
        try {
            ModelNode result = management.getControllerClient().execute(read);
            return result.get("outcome").asString().equals("success") ? result.get("result").asString() : "failed";
        } catch (IOException unreachableWhileReloading) {
            return "unreachable";
        }
    }
}
