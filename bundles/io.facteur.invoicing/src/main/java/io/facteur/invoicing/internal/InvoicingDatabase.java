package io.facteur.invoicing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The platform's database as online invoicing uses it: its {@code inv_} tables are created once, at
 * activation, before profiles, drafts or numbers are read or written.
 */
@Component(service = InvoicingDatabase.class)
public class InvoicingDatabase {
    private final DataSource dataSource;

    @Activate
    public InvoicingDatabase(
            @Reference(target = "(dataSourceName=facteur)", name = "dataSource")
                    DataSource dataSource)
            throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            InvoicingSchema.create(c);
        }
    }

    /** A connection in auto-commit mode; the caller closes it. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
