package io.facteur.core.internal.db;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, empty in-memory Derby database for each test, dropped after it. Register it with
 * {@code @RegisterExtension final MemoryDerby derby = new MemoryDerby();}.
 */
public final class MemoryDerby implements BeforeEachCallback, AfterEachCallback {
    static {
        // Derby would otherwise write derby.log into the module folder
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private String name;
    private EmbeddedDataSource dataSource;

    @Override
    public void beforeEach(ExtensionContext context) {
        name = "memory:test-" + UUID.randomUUID();
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(name);
        dataSource.setCreateDatabase("create");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName(name);
        drop.setConnectionAttributes("drop=true");
        try {
            drop.getConnection().close();
        } catch (SQLException e) {
            // 08006: Derby's way to report a drop; XJ004: the test never connected
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot drop " + name, e);
            }
        }
    }

    /** The test's database. */
    public DataSource dataSource() {
        return dataSource;
    }
}
