package io.facteur.core.internal.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code export} and {@code export_cursor} tables, within the caller's transaction. */
public final class ExportStore {
    private static final String COLUMNS =
            "id, connector_id, dossier_id, invoice_id, version, replay, format, state, attempts,"
                    + " detail, requested_by, created_at, updated_at, first_attempt_at";

    /**
     * Adds a QUEUED export unless the same (connector, invoice, version, replay) exists: returns it
     * when added. A savepoint keeps the caller's transaction usable when a concurrent offer won.
     */
    public Optional<ExportRow> insert(
            Connection c,
            String connectorId,
            String dossier,
            String invoiceId,
            String version,
            String replay,
            String requestedBy)
            throws SQLException {
        if (exists(c, connectorId, invoiceId, version, replay)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        ExportRow row =
                new ExportRow(
                        io.facteur.core.internal.Ids.next(),
                        connectorId,
                        dossier,
                        invoiceId,
                        version,
                        replay,
                        null,
                        ExportState.QUEUED,
                        0,
                        null,
                        clip(requestedBy, 200),
                        now,
                        now,
                        null);
        java.sql.Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO export (id, connector_id, dossier_id, invoice_id, version, replay,"
                                + " state, attempts, requested_by, created_at, updated_at)"
                                + " VALUES (?,?,?,?,?,?,?,0,?,?,?)")) {
            ps.setString(1, row.id());
            ps.setString(2, connectorId);
            ps.setString(3, dossier);
            ps.setString(4, invoiceId);
            ps.setString(5, version);
            ps.setString(6, replay);
            ps.setString(7, row.state().name());
            ps.setString(8, row.requestedBy());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setTimestamp(10, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                if (sp != null) {
                    c.rollback(sp);
                }
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(row);
    }

    private static boolean exists(
            Connection c, String connectorId, String invoiceId, String version, String replay)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT 1 FROM export WHERE connector_id = ? AND invoice_id = ? AND version = ?"
                                + " AND replay = ?")) {
            ps.setString(1, connectorId);
            ps.setString(2, invoiceId);
            ps.setString(3, version);
            ps.setString(4, replay);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Optional<ExportRow> find(Connection c, String id) throws SQLException {
        return many(c, "SELECT " + COLUMNS + " FROM export WHERE id = ?", 1, id).stream()
                .findFirst();
    }

    /** An attempt starts: counts it, keeps the format and the time of the first. */
    public void attempting(Connection c, String id, String format) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE export SET attempts = attempts + 1, format = ?, updated_at = ?,"
                                + " first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?")) {
            ps.setString(1, format);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    public void state(Connection c, String id, ExportState state, String detail)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE export SET state = ?, detail = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, clip(detail, 2000));
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    /** A connector's exports, newest first. */
    public List<ExportRow> ofConnector(Connection c, String connectorId, int max)
            throws SQLException {
        return many(
                c,
                "SELECT "
                        + COLUMNS
                        + " FROM export WHERE connector_id = ? ORDER BY created_at DESC, id DESC",
                max,
                connectorId);
    }

    /** An invoice's exports, oldest first. */
    public List<ExportRow> ofInvoice(Connection c, String invoiceId) throws SQLException {
        return many(
                c,
                "SELECT " + COLUMNS + " FROM export WHERE invoice_id = ? ORDER BY created_at, id",
                1000,
                invoiceId);
    }

    /** Forgets a deleted connector's exports that had not gone out; returns how many. */
    public int dropQueued(Connection c, String connectorId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM export WHERE connector_id = ? AND state = ?")) {
            ps.setString(1, connectorId);
            ps.setString(2, ExportState.QUEUED.name());
            return ps.executeUpdate();
        }
    }

    public long cursor(Connection c, String name) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT position FROM export_cursor WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    public void cursor(Connection c, String name, long position) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE export_cursor SET position = ? WHERE name = ?")) {
            ps.setLong(1, position);
            ps.setString(2, name);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO export_cursor (name, position) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, position);
            ps.executeUpdate();
        }
    }

    private static List<ExportRow> many(Connection c, String sql, int max, String... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(max);
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ExportRow> out = new ArrayList<>();
                while (rs.next()) {
                    Timestamp first = rs.getTimestamp("first_attempt_at");
                    out.add(
                            new ExportRow(
                                    rs.getString("id"),
                                    rs.getString("connector_id"),
                                    rs.getString("dossier_id"),
                                    rs.getString("invoice_id"),
                                    rs.getString("version"),
                                    rs.getString("replay"),
                                    rs.getString("format"),
                                    ExportState.valueOf(rs.getString("state")),
                                    rs.getInt("attempts"),
                                    rs.getString("detail"),
                                    rs.getString("requested_by"),
                                    rs.getTimestamp("created_at").toInstant(),
                                    rs.getTimestamp("updated_at").toInstant(),
                                    first == null ? null : first.toInstant()));
                }
                return out;
            }
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
