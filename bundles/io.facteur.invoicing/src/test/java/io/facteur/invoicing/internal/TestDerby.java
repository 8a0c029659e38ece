package io.facteur.invoicing.internal;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh in-memory Derby database for each test, dropped after it. */
final class TestDerby implements BeforeEachCallback, AfterEachCallback {
    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private String name;
    private EmbeddedDataSource dataSource;

    @Override
    public void beforeEach(ExtensionContext context) {
        name = "memory:invoicing-" + UUID.randomUUID();
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
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot drop " + name, e);
            }
        }
    }

    DataSource dataSource() {
        return dataSource;
    }
}
