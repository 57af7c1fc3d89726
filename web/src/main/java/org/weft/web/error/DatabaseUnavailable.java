package org.weft.web.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (stopped, restarting, the network or
 * the connection pool exhausted) from a fault of Weft's: the first is answered 503 and the client
 * tries again, the second is a 500 whose stack trace goes to the log. Read from the exception's
 * causes, whoever wrapped them (EJB, Hibernate, the JCA pool).
 */
final class DatabaseUnavailable {

    /**
     * Types known by name: Hibernate's wrapper of connection failures (the web module does not
     * compile against Hibernate), and the JCA pool's failure to hand out a connection (by name too,
     * so that this class never depends on the connector API being visible to the web module).
     */
    private static final Set<String> CONNECTION_FAILURE_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException", "jakarta.resource.ResourceException");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    static boolean causedIt(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (CONNECTION_FAILURE_TYPES.contains(type.getName())) {
                return true;
            }
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down,
            // crashed or is starting; 53300: too many connections.
            return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
        }
        return false;
    }
}
