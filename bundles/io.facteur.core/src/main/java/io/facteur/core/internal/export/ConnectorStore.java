package io.facteur.core.internal.export;

import io.facteur.core.internal.export.ConnectorRow.LastTest;
import io.facteur.core.internal.inbox.InvoiceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code connector} table; every method works within the caller's transaction. */
public final class ConnectorStore {
    private static final String COLUMNS =
            "id, dossier_id, capability, name, documents, statuses, format, state, tested_hash,"
                    + " tested_at, test_success, test_message, test_confirm, created_at, updated_at";

    public void insert(Connection c, ConnectorRow r) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO connector (id, dossier_id, capability, name, documents, statuses,"
                                + " format, state, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.dossier());
            ps.setString(3, r.capability());
            ps.setString(4, r.name());
            ps.setString(5, r.documents().name());
            ps.setString(6, statuses(r.statuses()));
            ps.setString(7, r.format());
            ps.setString(8, r.state().name());
            ps.setTimestamp(9, Timestamp.from(r.createdAt()));
            ps.setTimestamp(10, Timestamp.from(r.updatedAt()));
            ps.executeUpdate();
        }
    }

    /** Changes what it exports, its name and its state. */
    public void update(Connection c, ConnectorRow r) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE connector SET name = ?, documents = ?, statuses = ?, format = ?,"
                                + " state = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, r.name());
            ps.setString(2, r.documents().name());
            ps.setString(3, statuses(r.statuses()));
            ps.setString(4, r.format());
            ps.setString(5, r.state().name());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setString(7, r.id());
            ps.executeUpdate();
        }
    }

    public void state(Connection c, String id, ConnectorState state) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE connector SET state = ?, updated_at = ?,"
                                + " activated_at = CASE WHEN CAST(? AS VARCHAR(20)) = 'ACTIVE' THEN ? ELSE activated_at END"
                                + " WHERE id = ?")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setString(1, state.name());
            ps.setTimestamp(2, now);
            ps.setString(3, state.name());
            ps.setTimestamp(4, now);
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    public void tested(Connection c, String id, LastTest test) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE connector SET tested_hash = ?, tested_at = ?, test_success = ?,"
                                + " test_message = ?, test_confirm = ? WHERE id = ?")) {
            ps.setString(1, test.hash());
            ps.setTimestamp(2, Timestamp.from(test.at()));
            ps.setShort(3, (short) (test.success() ? 1 : 0));
            ps.setString(4, clip(test.message(), 2000));
            ps.setString(5, clip(confirm(test.confirm()), 2000));
            ps.setString(6, id);
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connector WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    public Optional<ConnectorRow> find(Connection c, String dossier, String id)
            throws SQLException {
        List<ConnectorRow> rows =
                many(
                        c,
                        "SELECT " + COLUMNS + " FROM connector WHERE id = ? AND dossier_id = ?",
                        id,
                        dossier);
        return rows.stream().findFirst();
    }

    /** The dossier's connectors, oldest first. */
    public List<ConnectorRow> ofDossier(Connection c, String dossier) throws SQLException {
        return many(
                c,
                "SELECT "
                        + COLUMNS
                        + " FROM connector WHERE dossier_id = ? ORDER BY created_at, id",
                dossier);
    }

    /**
     * The dossier's connectors that take exports: switched on once and not switched off since
     * (ACTIVE, or back to DRAFT or TESTED after a change of their connection).
     */
    public List<ConnectorRow> exporting(Connection c, String dossier) throws SQLException {
        return many(
                c,
                "SELECT "
                        + COLUMNS
                        + " FROM connector WHERE dossier_id = ? AND activated_at IS NOT NULL"
                        + " AND state <> ? ORDER BY created_at, id",
                dossier,
                ConnectorState.DISABLED.name());
    }

    private static List<ConnectorRow> many(Connection c, String sql, String... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ConnectorRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        }
    }

    private static ConnectorRow row(ResultSet rs) throws SQLException {
        Timestamp testedAt = rs.getTimestamp("tested_at");
        LastTest test =
                testedAt == null
                        ? null
                        : new LastTest(
                                rs.getString("tested_hash"),
                                testedAt.toInstant(),
                                rs.getShort("test_success") == 1,
                                rs.getString("test_message"),
                                confirm(rs.getString("test_confirm")));
        return new ConnectorRow(
                rs.getString("id"),
                rs.getString("dossier_id"),
                rs.getString("capability"),
                rs.getString("name"),
                DocumentKinds.valueOf(rs.getString("documents")),
                statuses(rs.getString("statuses")),
                rs.getString("format"),
                ConnectorState.valueOf(rs.getString("state")),
                test,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    static String statuses(Set<InvoiceStatus> statuses) {
        return statuses.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<InvoiceStatus> statuses(String text) {
        Set<InvoiceStatus> out = EnumSet.noneOf(InvoiceStatus.class);
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(InvoiceStatus.valueOf(s.strip()));
            }
        }
        return out;
    }

    /** key=value lines; keys and values of confirmations carry no line breaks. */
    private static String confirm(Map<String, String> confirm) {
        return confirm.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replaceAll("\\R", " "))
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> confirm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null) {
            Arrays.stream(text.split("\n"))
                    .filter(l -> l.indexOf('=') > 0)
                    .forEach(
                            l ->
                                    out.put(
                                            l.substring(0, l.indexOf('=')),
                                            l.substring(l.indexOf('=') + 1)));
        }
        return out;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
