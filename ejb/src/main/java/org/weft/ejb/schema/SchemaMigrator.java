package org.weft.ejb.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Brings the database schema up to date when Weft deploys: applies, in order, every migration
 * listed in {@code META-INF/weft/schema/index.txt} that the {@code weft_schema_version} table does
 * not record yet, each in its own transaction. An existing database so upgrades without loss;
 * Hibernate never generates schema. Why our own runner and not Flyway: see docs/adr/0002.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    private static final String ROOT = "META-INF/weft/schema/";

    @Resource(lookup = "java:jboss/datasources/WeftDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            ensureVersionTable(connection);
            Set<String> applied = appliedVersions(connection);
            for (String migration : MigrationScript.index(read("index.txt"))) {
                if (!applied.contains(migration)) {
                    apply(connection, migration);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Database schema migration failed; Weft cannot start", e);
        }
    }

    /**
     * The first connection of the deployment. When the database cannot be reached (wrong settings,
     * the server down), one ERROR line says why and which settings to check, and the deployment
     * fails without the pages of stack traces the pool and the driver would add.
     */
    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            String problem = DatabaseConnectFailure.describe(e);
            LOG.errorf("Weft cannot connect to its database: %s. Weft does not start.", problem);
            throw new DatabaseNotReachable(problem);
        }
    }

    /** Fails the deployment with the one line already logged: no cause, no stack trace to repeat it. */
    static final class DatabaseNotReachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseNotReachable(String problem) {
            super("Weft cannot connect to its database: " + problem, null, false, false);
        }
    }

    private void ensureVersionTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        boolean exists;
        try (ResultSet tables = meta.getTables(null, null, null, new String[] {"TABLE"})) {
            exists = false;
            while (tables.next()) {
                exists |= "weft_schema_version".equalsIgnoreCase(tables.getString("TABLE_NAME"));
            }
        }
        if (!exists) {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE weft_schema_version (version VARCHAR(200) NOT NULL PRIMARY KEY, "
                        + "applied_ts BIGINT NOT NULL)");
            }
            connection.commit();
        }
    }

    private Set<String> appliedVersions(Connection connection) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM weft_schema_version")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        connection.commit();
        return applied;
    }

    private void apply(Connection connection, String migration) throws SQLException, IOException {
        List<String> statements = MigrationScript.statements(read(migration));
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO weft_schema_version (version, applied_ts) VALUES (?, ?)")) {
                record.setString(1, migration);
                record.setLong(2, System.currentTimeMillis());
                record.executeUpdate();
            }
            connection.commit();
            LOG.infof("Applied schema migration %s", migration);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private String read(String name) throws IOException {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IOException("Missing schema resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
