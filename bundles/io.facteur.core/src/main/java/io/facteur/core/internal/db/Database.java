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
    }

    /** A new connection; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
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
