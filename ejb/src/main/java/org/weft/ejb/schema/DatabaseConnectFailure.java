package org.weft.ejb.schema;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What to tell an operator when Weft cannot open a connection to its database at start: the
 * database's own words and the settings that fix it. PostgreSQL's SQLSTATE says which: class 08
 * (cannot connect: host or port), 28 (authentication: user or password), 3D000 (no such database).
 */
public final class DatabaseConnectFailure {

    private DatabaseConnectFailure() {
    }

    /** One line: what went wrong and which weft.db.* settings to check. */
    public static String describe(SQLException failure) {
        SQLException innermost = innermostSqlException(failure);
        String state = innermost.getSQLState() == null ? "" : innermost.getSQLState();
        String settings;
        if (state.startsWith("08")) {
            settings = "weft.db.host and weft.db.port";
        } else if (state.startsWith("28")) {
            settings = "weft.db.user and weft.db.password";
        } else if (state.equals("3D000")) {
            settings = "weft.db.name (the database must exist: createdb -O <user> <name>)";
        } else {
            settings = "the weft.db.* settings";
        }
        // The driver's own sentence: the pool's wrappers around it and the socket error under it say less.
        String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
        return firstLine(message) + " (check " + settings + ")";
    }

    /** The SQLException closest to the database: pools and wrappers add their own around the driver's. */
    private static SQLException innermostSqlException(SQLException failure) {
        SQLException innermost = failure;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                innermost = sql;
            }
        }
        return innermost;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
