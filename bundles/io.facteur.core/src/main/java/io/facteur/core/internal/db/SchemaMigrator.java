package io.facteur.core.internal.db;

import io.facteur.core.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Brings the schema to the newest version at start: ordered SQL scripts {@code V<n>__<what>.sql}
 * listed in {@code db/migration/index}, each applied once in its own transaction and recorded with
 * its checksum. An applied script that was edited afterwards stops the start, as Flyway would;
 * Flyway itself needs class-path scanning that OSGi bundles do not offer.
 */
public final class SchemaMigrator {
    static final String HISTORY = "facteur_schema_history";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private final ClassLoader resources;
    private final String folder;

    /**
     * @param resources where the scripts are found (the bundle's class loader)
     * @param folder the folder holding {@code index} and the scripts, such as {@code db/migration}
     */
    public SchemaMigrator(ClassLoader resources, String folder) {
        this.resources = resources;
        this.folder = folder;
    }

    /** One script of the index. */
    record Script(int version, String description, String sql, String checksum) {}

    /**
     * Applies every script newer than the database's version.
     *
     * @return the versions applied now, in order
     */
    public List<Integer> migrate(DataSource dataSource) throws SQLException, IOException {
        Map<Integer, Script> scripts = load();
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            ensureHistoryTable(connection);
            Map<Integer, String> done = history(connection);
            for (Map.Entry<Integer, String> entry : done.entrySet()) {
                Script script = scripts.get(entry.getKey());
                if (script != null && !script.checksum().equals(entry.getValue())) {
                    throw new SQLException(
                            "Schema script V"
                                    + script.version()
                                    + " was changed after it was applied; restore it and add a new"
                                    + " script instead");
                }
            }
            for (Script script : scripts.values()) {
                if (!done.containsKey(script.version())) {
                    apply(connection, script);
                    applied.add(script.version());
                }
            }
        }
        return applied;
    }

    private Map<Integer, Script> load() throws IOException {
        Map<Integer, Script> scripts = new TreeMap<>();
        String index = read(folder + "/index");
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IOException("Schema script name " + name + " is not V<n>__<what>.sql");
            }
            String sql = read(folder + "/" + name);
            int version = Integer.parseInt(m.group(1));
            if (scripts.put(version, new Script(version, m.group(2), sql, Sha256.hex(sql)))
                    != null) {
                throw new IOException("Two schema scripts have version " + version);
            }
        }
        return scripts;
    }

    private String read(String path) throws IOException {
        try (InputStream in = resources.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("Missing schema resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void ensureHistoryTable(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, null, null)) {
            while (tables.next()) {
                if (HISTORY.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.executeUpdate(
                    "CREATE TABLE "
                            + HISTORY
                            + " (version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT"
                            + " NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
    }

    private static Map<Integer, String> history(Connection connection) throws SQLException {
        Map<Integer, String> done = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + HISTORY)) {
            while (rs.next()) {
                done.put(rs.getInt(1), rs.getString(2));
            }
        }
        return done;
    }

    private static void apply(Connection connection, Script script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                for (String statement : statements(script.sql())) {
                    st.executeUpdate(statement);
                }
            }
            try (PreparedStatement ps =
                    connection.prepareStatement(
                            "INSERT INTO " + HISTORY + " VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, script.version());
                ps.setString(2, script.description());
                ps.setString(3, script.checksum());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException(
                    "Schema script V" + script.version() + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Splits a script on semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
