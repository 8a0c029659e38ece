package io.facteur.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facteur's database: the {@code DataSource} service named {@code facteur} (pax-jdbc configuration:
 * Derby embedded by default, PostgreSQL by configuration), migrated to the newest schema before any
 * other component may use it.
 */
@Component(service = Database.class)
public class Database {
    private final Logger logger = LoggerFactory.getLogger(Database.class);
    private final DataSource dataSource;

    @Activate
    public Database(
            @Reference(target = "(dataSourceName=facteur)", name = "dataSource")
                    DataSource dataSource)
            throws Exception {
        this.dataSource = dataSource;
        List<Integer> applied =
                new SchemaMigrator(Database.class.getClassLoader(), "db/migration")
                        .migrate(dataSource);
        if (!applied.isEmpty()) {
            logger.info("Database schema migrated: versions {} applied", applied);
        }
        tuneDerby();
    }

    /**
     * Derby looks for a deadlock only once a lock wait has lasted {@code
     * derby.locks.deadlockTimeout} (20 s by default): the pipeline's claims, wakes and steps then
     * stall that long before one of them is chosen as victim and run again. One second is enough
     * here. Other databases detect deadlocks on their own.
     */
    private void tuneDerby() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().contains("Derby")) {
                return;
            }
            try (java.sql.CallableStatement call =
                    c.prepareCall(
                            "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.deadlockTimeout', '1')")) {
                call.execute();
            }
        }
    }

    /** A new connection; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Work done within one transaction. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection c) throws E, SQLException;
    }

    /**
     * Runs the work in one transaction of a new connection: committed when it returns, rolled back
     * when it throws (the exception then goes on).
     */
    public <T, E extends Exception> T inTransaction(Work<T, E> work) throws E, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** True when the database answers a trivial query within a second. */
    public boolean healthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            logger.warn("Database health check failed: {}", e.getMessage());
            return false;
        }
    }
}
