package org.weft.it;

import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the HTTP integration tests. Arquillian starts the run's managed WildFly once
 * (arquillian.xml: one container per database, chosen by the failsafe execution), and the first test
 * class deploys the real weft.ear built by this module into it; every later class finds it deployed,
 * so a run deploys once rather than once per class. Each test speaks HTTP to the server as a client
 * would. Tests create their own users with unique names, so they never depend on each other's
 * order, and a test that changes a setting puts it back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class WeftIT {

    /** The database of the server under test: {@code h2} or {@code postgres}. */
    protected static final String DATABASE = System.getProperty("weft.it.database", "h2");

    protected final MatrixClient matrix = new MatrixClient(
            System.getProperty("weft.it.base.url", "http://localhost:18008"));

    @BeforeAll
    static void deployWeftOnce() {
        ServerSettings.deployOnce(Path.of(System.getProperty("weft.it.ear", "target/weft.ear")));
    }

    protected static boolean onPostgres() {
        return "postgres".equals(DATABASE);
    }
}
