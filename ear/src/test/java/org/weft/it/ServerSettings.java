package org.weft.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * Changes a Weft setting on the running test server through the management API, as an operator
 * would with jboss-cli. Weft reads settings when used, so the change applies at once. The server is
 * the one the build started for this test run (its management port: {@code weft.it.management.port}).
 */
final class ServerSettings {

    private static ModelControllerClient client;

    private ServerSettings() {
    }

    static void set(String name, String value) {
        ModelNode op = new ModelNode();
        op.get("operation").set("write-attribute");
        op.get("address").add("system-property", name);
        op.get("name").set("value");
        op.get("value").set(value);
        execute(op);
    }

    /**
     * Sets a setting that {@code weft.cli} may not define (one of a named identity provider, say):
     * added if absent, written otherwise.
     */
    static void define(String name, String value) {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-children-names");
        read.get("address").setEmptyList();
        read.get("child-type").set("system-property");
        if (execute(read).asList().stream().anyMatch(n -> name.equals(n.asString()))) {
            set(name, value);
            return;
        }
        ModelNode add = new ModelNode();
        add.get("operation").set("add");
        add.get("address").add("system-property", name);
        add.get("value").set(value);
        execute(add);
    }

    /** The setting's current value on the server, its expression (weft.cli's default) resolved. */
    static String get(String name) {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").add("system-property", name);
        read.get("name").set("value");
        read.get("resolve-expressions").set(true);
        return execute(read).asString();
    }

    static ModelNode execute(ModelNode op) {
        try {
            ModelNode result = client().execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Management operation failed: " + result);
            }
            return result.get("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deploys weft.ear unless the server has it already: the first test class of a run deploys it,
     * the others share it. An unmanaged deployment of the built file, as an operator's
     * {@code deploy} does with a path; the run's fresh server configuration forgets it afterwards.
     */
    static synchronized void deployOnce(Path ear) {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-children-names");
        read.get("address").setEmptyList();
        read.get("child-type").set("deployment");
        if (execute(read).asList().stream().anyMatch(name -> "weft.ear".equals(name.asString()))) {
            return;
        }
        ModelNode add = new ModelNode();
        add.get("operation").set("add");
        add.get("address").add("deployment", "weft.ear");
        ModelNode content = new ModelNode();
        content.get("path").set(ear.toAbsolutePath().toString());
        content.get("archive").set(true);
        add.get("content").add(content);
        add.get("enabled").set(true);
        execute(add);
    }

    /**
     * Reloads the server (every service restarts, the JVM stays) and waits until it runs again.
     * The reload operation answers before the server goes down: wait until it has been seen not
     * running (or unreachable), then until it runs again, so later tests find a booted server.
     */
    static void reload() throws InterruptedException {
        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        try {
            client().execute(reload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        boolean wentDown = false;
        while (Instant.now().isBefore(deadline)) {
            String state = serverState();
            if (!"running".equals(state)) {
                wentDown = true;
            } else if (wentDown) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server did not reload within 120 s");
    }

    private static String serverState() {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").setEmptyList();
        read.get("name").set("server-state");
        try {
            ModelNode result = client().execute(read);
            return result.get("outcome").asString().equals("success") ? result.get("result").asString() : "failed";
        } catch (IOException unreachableWhileReloading) {
            return "unreachable";
        }
    }

    /** One client for the whole run; it reconnects by itself after a reload. */
    private static synchronized ModelControllerClient client() {
        if (client == null) {
            try {
                client = ModelControllerClient.Factory.create("localhost",
                        Integer.getInteger("weft.it.management.port", 19990));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return client;
    }
}
