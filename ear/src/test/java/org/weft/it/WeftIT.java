package org.weft.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the HTTP integration tests: Arquillian deploys the real weft.ear built by this module
 * to the managed WildFly (arquillian.xml), and each test speaks HTTP to it as a client would.
 * Tests create their own users with unique names, so they never depend on each other's order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class WeftIT {

    @Deployment(testable = false)
    public static EnterpriseArchive weft() {
        File ear = new File(System.getProperty("weft.it.ear", "target/weft.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    protected final MatrixClient matrix = new MatrixClient(
            System.getProperty("weft.it.base.url", "http://localhost:18008"));
}
