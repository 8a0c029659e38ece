package io.facteur.channel.api.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The platform's database as this channel uses it: its tables are created once, at activation,
 * before any filter, resource or sender of the bundle touches them.
 */
@Component(service = ChannelDatabase.class)
public class ChannelDatabase {
    private final DataSource dataSource;

    @Activate
    public ChannelDatabase(
            @Reference(target = "(dataSourceName=facteur)", name = "dataSource")
                    DataSource dataSource)
            throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            Schema.create(c);
        }
    }

    /** A connection in auto-commit mode; the caller closes it. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
