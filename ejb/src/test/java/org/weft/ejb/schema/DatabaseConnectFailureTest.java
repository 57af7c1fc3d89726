package org.weft.ejb.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The one line an operator reads when the database settings are wrong: the driver's words and the settings to fix. */
class DatabaseConnectFailureTest {

    /** As WildFly's pool hands them out: its own SQLException around its ResourceExceptions around the driver's. */
    private static SQLException fromThePool(SQLException driver) {
        return new SQLException("jakarta.resource.ResourceException: IJ000453: Unable to get managed connection",
                new RuntimeException("IJ031084: Unable to create connection", driver));
    }

    @Test
    void nobodyListeningPointsAtHostAndPort() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5999 refused. Check that the hostname and"
                + " port are correct and that the postmaster is accepting TCP/IP connections.", "08001",
                new ConnectException("Connection refused"));
        assertEquals("Connection to 127.0.0.1:5999 refused. Check that the hostname and port are correct and that the"
                + " postmaster is accepting TCP/IP connections. (check weft.db.host and weft.db.port)",
                DatabaseConnectFailure.describe(fromThePool(refused)));
    }

    @Test
    void aWrongPasswordPointsAtUserAndPassword() {
        SQLException denied = new SQLException("FATAL: password authentication failed for user \"weft\"", "28P01");
        assertEquals("FATAL: password authentication failed for user \"weft\" (check weft.db.user and weft.db.password)",
                DatabaseConnectFailure.describe(fromThePool(denied)));
    }

    @Test
    void aMissingDatabasePointsAtItsName() {
        SQLException missing = new SQLException("FATAL: database \"wft\" does not exist", "3D000");
        assertEquals("FATAL: database \"wft\" does not exist (check weft.db.name (the database must exist:"
                + " createdb -O <user> <name>))", DatabaseConnectFailure.describe(fromThePool(missing)));
    }

    @Test
    void anythingElseNamesAllSettingsAndKeepsOneLine() {
        SQLException odd = new SQLException("something odd\n  at line two", "XX000");
        assertEquals("something odd (check the weft.db.* settings)", DatabaseConnectFailure.describe(odd));
    }
}
