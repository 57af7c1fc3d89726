package org.weft.ejb.tx;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Small reads in plain JDBC on the caller's transaction's connection, for lookups made for every
 * event received (a federation benchmark profile: each Hibernate native query cost about 15 KB of
 * garbage and more CPU than H2's index lookup under it). Only for tables that Weft writes with SQL
 * ({@link BatchWriter}, native statements), never through entities: unlike a Hibernate query, this
 * does not flush the persistence context first, so it would not see an entity persisted but not
 * yet flushed.
 */
@ApplicationScoped
public class JdbcReads {

    @Resource(lookup = "java:jboss/datasources/WeftDS")
    DataSource dataSource;

    /** A value read from a result: from its current row ({@link #list}), or from all of it. */
    @FunctionalInterface
    public interface Read<T> {
        T from(ResultSet result) throws SQLException;
    }

    /** Every row of the query, each made into a value. */
    public <T> List<T> list(String sql, Read<T> row, Object... parameters) {
        return query(sql, parameters, rows -> {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(row.from(rows));
            }
            return values;
        });
    }

    /** Whether the query returns a row. */
    public boolean exists(String sql, Object... parameters) {
        return query(sql, parameters, ResultSet::next);
    }

    /** The first column of the first row as a long, or null when there is no row or it is NULL. */
    public Long firstLong(String sql, Object... parameters) {
        return query(sql, parameters, rows -> {
            if (!rows.next()) {
                return null;
            }
            long value = rows.getLong(1);
            return rows.wasNull() ? null : value;
        });
    }

    /** The first column of the first row as a string, or null when there is no row or it is NULL. */
    public String firstString(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getString(1) : null);
    }

    private <T> T query(String sql, Object[] parameters, Read<T> answer) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            return answer.from(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
