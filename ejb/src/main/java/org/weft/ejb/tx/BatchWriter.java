package org.weft.ejb.tx;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs a {@link StatementBatch} in the caller's transaction (the datasource hands out the
 * transaction's own connection, so JPA reads later in the transaction see the rows).
 *
 * <p>On PostgreSQL the statements go as one multi-statement prepared statement, which the JDBC
 * driver sends in one round trip: each round trip costs both processes a wake-up and system calls,
 * and on a 2-core machine those, more than the SQL, bounded the send rate (ADR 0014). On H2, which
 * runs in Weft's own JVM and has no round trips, they run one by one.
 */
@ApplicationScoped
public class BatchWriter {

    @Resource(lookup = "java:jboss/datasources/WeftDS")
    DataSource dataSource;

    /** Whether the database takes several statements in one prepared statement; decided on first use. */
    private volatile Boolean combines;

    /**
     * Executes the batch's statements in order.
     *
     * @throws SQLException as JDBC reports it; the caller's transaction is then to be rolled back
     */
    public void execute(StatementBatch batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (combines(connection)) {
                run(connection, batch.combined());
            } else {
                for (StatementBatch.Statement statement : batch.statements()) {
                    run(connection, statement);
                }
            }
        }
    }

    private boolean combines(Connection connection) throws SQLException {
        Boolean known = combines;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            combines = known;
        }
        return known;
    }

    private static void run(Connection connection, StatementBatch.Statement statement) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            List<Object> parameters = statement.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof StatementBatch.Null typed) {
                    prepared.setNull(i + 1, typed.sqlType());
                } else {
                    prepared.setObject(i + 1, value);
                }
            }
            prepared.execute();
        }
    }
}
