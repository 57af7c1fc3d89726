package org.weft.web.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures mean "the database is out of reach" (503, retry) and which are Weft's (500). */
class DatabaseUnavailableTest {

    @Test
    void thePoolUnableToConnectUnderEjbAndHibernateWrappers() {
        // As seen with PostgreSQL stopped: EJBTransactionRolledbackException <- GenericJDBCException
        // <- SQLException <- ResourceException (IJ000453) <- PSQLException 08001.
        Throwable failure = new EJBTransactionRolledbackException("Unable to acquire JDBC Connection",
                new RuntimeException("GenericJDBCException", new SQLException("IJ000453",
                        new ResourceException("IJ000453: Unable to get managed connection",
                                new SQLException("Connection refused", "08001")))));
        assertTrue(DatabaseUnavailable.causedIt(failure));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"})
    void connectionAndShutdownStatesAreUnavailability(String sqlState) {
        assertTrue(DatabaseUnavailable.causedIt(new RuntimeException(new SQLException("gone", sqlState))));
    }

    @Test
    void connectionExceptionTypesAreUnavailability() {
        assertTrue(DatabaseUnavailable.causedIt(new SQLTransientConnectionException("timeout")));
        assertTrue(DatabaseUnavailable.causedIt(new IllegalStateException(new SQLNonTransientConnectionException("closed"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "22001", "40001"})
    void constraintSyntaxDataAndSerializationErrorsAreWeftsOwn(String sqlState) {
        assertFalse(DatabaseUnavailable.causedIt(new RuntimeException(new SQLException("bad", sqlState))));
    }

    @Test
    void anythingElseIsWeftsOwn() {
        assertFalse(DatabaseUnavailable.causedIt(new NullPointerException()));
        assertFalse(DatabaseUnavailable.causedIt(new SQLException("no state")));
        RuntimeException loop = new RuntimeException("self");
        assertFalse(DatabaseUnavailable.causedIt(new IllegalStateException(loop)));
    }
}
