package io.facteur.core.internal.db;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaMigratorTest {
    @RegisterExtension final MemoryDerby derby = new MemoryDerby();

    @Test
    void realScriptsCreateEveryTable() throws Exception {
        SchemaMigrator real =
                new SchemaMigrator(SchemaMigrator.class.getClassLoader(), "db/migration");

        assertThat(real.migrate(derby.dataSource())).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(tables())
                .contains(
                        "dossier",
                        "api_key",
                        "invoice",
                        "invoice_event",
                        "job",
                        "customer",
                        "delivery",
                        "invoice_change",
                        "connector",
                        "export",
                        "export_cursor");
        assertThat(history()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void secondMigrationAppliesNothing() throws Exception {
        SchemaMigrator real =
                new SchemaMigrator(SchemaMigrator.class.getClassLoader(), "db/migration");
        real.migrate(derby.dataSource());

        assertThat(real.migrate(derby.dataSource())).isEmpty();
        assertThat(history()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void appliesScriptsInVersionOrderWhateverTheIndexOrder() throws Exception {
        SchemaMigrator migrator =
                migrator(
                        "V2__fill.sql", "INSERT INTO one VALUES (1);",
                        "V1__one.sql", "CREATE TABLE one (a INT);");

        assertThat(migrator.migrate(derby.dataSource())).containsExactly(1, 2);
        assertThat(tables()).contains("one");
    }

    @Test
    void anAppliedScriptEditedAfterwardsStopsTheMigration() throws Exception {
        migrator("V1__one.sql", "CREATE TABLE one (a INT);").migrate(derby.dataSource());
        SchemaMigrator edited =
                migrator(
                        "V1__one.sql", "CREATE TABLE one (a INT, b INT);",
                        "V2__two.sql", "CREATE TABLE two (a INT);");

        assertThatThrownBy(() -> edited.migrate(derby.dataSource()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("V1 was changed after it was applied");
        assertThat(tables()).doesNotContain("two");
        assertThat(history()).containsExactly(1);
    }

    @Test
    void aFailingScriptIsRolledBackAndNotRecorded() throws Exception {
        String one = "CREATE TABLE one (a INT);";
        SchemaMigrator broken =
                migrator(
                        "V1__one.sql",
                        one,
                        "V2__two.sql",
                        "CREATE TABLE two (a INT);\nINSERT INTO missing VALUES (1);");

        assertThatThrownBy(() -> broken.migrate(derby.dataSource()))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("Schema script V2 failed");
        assertThat(tables()).contains("one").doesNotContain("two");
        assertThat(history()).containsExactly(1);

        SchemaMigrator fixed =
                migrator("V1__one.sql", one, "V2__two.sql", "CREATE TABLE two (a INT);");
        assertThat(fixed.migrate(derby.dataSource())).containsExactly(2);
    }

    @Test
    void splitsOnLineEndingSemicolonsAndDropsComments() {
        String sql =
                "-- a comment; with a semicolon\r\n"
                        + "CREATE TABLE t (\n"
                        + "  a INT, -- inline\n"
                        + "  b INT\n"
                        + ");\n"
                        + "\n"
                        + "   -- indented comment\n"
                        + "INSERT INTO t VALUES (1, 2);\n"
                        + "INSERT INTO t\n"
                        + "VALUES (3, 4)\n";

        assertThat(SchemaMigrator.statements(sql))
                .containsExactly(
                        "CREATE TABLE t (\na INT, -- inline\nb INT\n)",
                        "INSERT INTO t VALUES (1, 2)",
                        "INSERT INTO t\nVALUES (3, 4)");
    }

    @Test
    void aScriptOfOnlyCommentsHasNoStatements() {
        assertThat(SchemaMigrator.statements("-- nothing yet;\n\n  -- still nothing\n")).isEmpty();
    }

    /** A migrator over scripts held in memory, given as name, SQL, name, SQL... in index order. */
    private static SchemaMigrator migrator(String... namesAndSql) {
        Map<String, String> files = new HashMap<>();
        StringBuilder index = new StringBuilder("# test scripts\n");
        for (int i = 0; i < namesAndSql.length; i += 2) {
            files.put("m/" + namesAndSql[i], namesAndSql[i + 1]);
            index.append(namesAndSql[i]).append('\n');
        }
        files.put("m/index", index.toString());
        ClassLoader loader =
                new ClassLoader(null) {
                    @Override
                    public InputStream getResourceAsStream(String name) {
                        String text = files.get(name);
                        return text == null ? null : new ByteArrayInputStream(text.getBytes(UTF_8));
                    }
                };
        return new SchemaMigrator(loader, "m");
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = derby.dataSource().getConnection();
                ResultSet rs =
                        c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private List<Integer> history() throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = derby.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT version FROM "
                                        + SchemaMigrator.HISTORY
                                        + " ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
