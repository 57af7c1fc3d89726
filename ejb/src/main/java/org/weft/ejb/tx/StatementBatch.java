package org.weft.ejb.tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * SQL writes collected to be sent together ({@link BatchWriter}): each statement with its
 * parameters, in order. The send path gathers an event's row, its graph edges, its push outcomes,
 * its transaction ID and the room's new extremities here, so that on PostgreSQL they cost one
 * round trip to the database instead of five.
 *
 * <p>Parameters are Java values as JDBC takes them ({@code String}, {@code Long}, {@code Boolean});
 * a {@code null} is written as a typed SQL NULL ({@link Null}), because PostgreSQL must know each
 * parameter's type.
 */
public final class StatementBatch {

    /** A typed SQL NULL parameter, with its {@link java.sql.Types} code. */
    public record Null(int sqlType) {
    }

    /** One statement: SQL with {@code ?} placeholders and one value per placeholder. */
    public record Statement(String sql, List<Object> parameters) {
        public Statement {
            long placeholders = sql.chars().filter(c -> c == '?').count();
            if (placeholders != parameters.size()) {
                throw new IllegalArgumentException(placeholders + " placeholders but " + parameters.size()
                        + " parameters in " + sql);
            }
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }

    private final List<Statement> statements = new ArrayList<>();

    /** Adds a statement; {@code parameters} may hold {@code null} only as a {@link Null}. */
    public StatementBatch add(String sql, Object... parameters) {
        statements.add(new Statement(sql, Arrays.asList(parameters)));
        return this;
    }

    /** Adds a statement whose parameters were built up in a list. */
    public StatementBatch add(String sql, List<Object> parameters) {
        statements.add(new Statement(sql, parameters));
        return this;
    }

    public List<Statement> statements() {
        return Collections.unmodifiableList(statements);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /**
     * The statements as one SQL text (joined by {@code ;}) and its parameters in order: what
     * PostgreSQL's JDBC driver sends as one round trip. Statements must not contain {@code ;}.
     */
    public Statement combined() {
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Statement statement : statements) {
            if (statement.sql().indexOf(';') >= 0) {
                throw new IllegalStateException("A batched statement must not contain ';': " + statement.sql());
            }
            if (!sql.isEmpty()) {
                sql.append(';');
            }
            sql.append(statement.sql());
            parameters.addAll(statement.parameters());
        }
        return new Statement(sql.toString(), parameters);
    }
}
