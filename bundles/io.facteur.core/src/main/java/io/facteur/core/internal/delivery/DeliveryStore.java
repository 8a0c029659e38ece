package io.facteur.core.internal.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code delivery} table; every method works within the caller's transaction. */
public final class DeliveryStore {
    private static final String COLUMNS =
            "id, invoice_id, dossier_id, channel, state, recipient, reference, detail, requested_by,"
                    + " created_at, updated_at, attempted_at, correct_until, replaced_by";

    /** Adds a QUEUED delivery and returns it. */
    public DeliveryRow insert(
            Connection c, String invoiceId, String dossier, String channel, String requestedBy)
            throws SQLException {
        Instant now = Instant.now();
        DeliveryRow row =
                new DeliveryRow(
                        io.facteur.core.internal.Ids.next(),
                        invoiceId,
                        dossier,
                        channel,
                        DeliveryState.QUEUED,
                        null,
                        null,
                        null,
                        clip(requestedBy, 200),
                        now,
                        now,
                        null,
                        null,
                        null);
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO delivery (id, invoice_id, dossier_id, channel, state, requested_by,"
                                + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, row.id());
            ps.setString(2, invoiceId);
            ps.setString(3, dossier);
            ps.setString(4, channel);
            ps.setString(5, row.state().name());
            ps.setString(6, row.requestedBy());
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
        }
        return row;
    }

    public Optional<DeliveryRow> find(Connection c, String id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM delivery WHERE id = ?", id);
    }

    /** The delivery a channel's report names: by its id, or by the reference the channel gave. */
    public Optional<DeliveryRow> byReference(Connection c, String channel, String reference)
            throws SQLException {
        Optional<DeliveryRow> byId = find(c, reference);
        if (byId.isPresent() && channel.equals(byId.get().channel())) {
            return byId;
        }
        Optional<DeliveryRow> byRef =
                one(c, "SELECT " + COLUMNS + " FROM delivery WHERE reference = ?", reference);
        return byRef.filter(d -> channel.equals(d.channel()));
    }

    /** An invoice's deliveries, oldest first. */
    public List<DeliveryRow> ofInvoice(Connection c, String invoiceId) throws SQLException {
        return many(
                c,
                "SELECT " + COLUMNS + " FROM delivery WHERE invoice_id = ? ORDER BY created_at, id",
                invoiceId);
    }

    /** Bounced deliveries whose correction window closed without a correction. */
    public List<DeliveryRow> windowClosed(Connection c, Instant now, int max) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM delivery WHERE state = ? AND correct_until <= ?"
                                + " AND replaced_by IS NULL ORDER BY correct_until FETCH FIRST "
                                + max
                                + " ROWS ONLY")) {
            ps.setString(1, DeliveryState.BOUNCED.name());
            ps.setTimestamp(2, Timestamp.from(now));
            return list(ps);
        }
    }

    /** Bounced deliveries of a customer's invoices whose correction window is still open. */
    public List<DeliveryRow> awaitingCorrection(Connection c, String customerId, Instant now)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT d."
                                + COLUMNS.replace(", ", ", d.")
                                + " FROM delivery d JOIN invoice i ON i.id = d.invoice_id"
                                + " WHERE i.customer_id = ? AND d.state = ? AND d.correct_until > ?"
                                + " AND d.replaced_by IS NULL")) {
            ps.setString(1, customerId);
            ps.setString(2, DeliveryState.BOUNCED.name());
            ps.setTimestamp(3, Timestamp.from(now));
            return list(ps);
        }
    }

    /** The attempt, recorded (and committed by the caller) before the channel is called. */
    public void attempting(Connection c, String id, String channel, String recipient)
            throws SQLException {
        update(
                c,
                "UPDATE delivery SET state = ?, channel = ?, recipient = ?, attempted_at = ?,"
                        + " updated_at = ? WHERE id = ?",
                DeliveryState.SENDING.name(),
                channel,
                clip(recipient, 1000),
                Instant.now(),
                Instant.now(),
                id);
    }

    /** A new state, with what is said of it. */
    public void state(Connection c, String id, DeliveryState state, String reference, String detail)
            throws SQLException {
        update(
                c,
                "UPDATE delivery SET state = ?, reference = COALESCE(?, reference),"
                        + " detail = ?, updated_at = ? WHERE id = ?",
                state.name(),
                clip(reference, 300),
                clip(detail, 2000),
                Instant.now(),
                id);
    }

    /** A bounce: the state, its reason, and the end of the correction window. */
    public void bounced(Connection c, String id, String reason, Instant correctUntil)
            throws SQLException {
        update(
                c,
                "UPDATE delivery SET state = ?, detail = ?, correct_until = ?, updated_at = ?"
                        + " WHERE id = ?",
                DeliveryState.BOUNCED.name(),
                clip(reason, 2000),
                correctUntil,
                Instant.now(),
                id);
    }

    /** Another delivery took over from this one. */
    public void replaced(Connection c, String id, String by) throws SQLException {
        update(
                c,
                "UPDATE delivery SET replaced_by = ?, updated_at = ? WHERE id = ?",
                by,
                Instant.now(),
                id);
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof Instant t) {
                    ps.setTimestamp(i + 1, Timestamp.from(t));
                } else {
                    ps.setString(i + 1, (String) a);
                }
            }
            ps.executeUpdate();
        }
    }

    private static Optional<DeliveryRow> one(Connection c, String sql, String arg)
            throws SQLException {
        List<DeliveryRow> rows = many(c, sql, arg);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<DeliveryRow> many(Connection c, String sql, String arg)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return list(ps);
        }
    }

    private static List<DeliveryRow> list(PreparedStatement ps) throws SQLException {
        List<DeliveryRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(
                        new DeliveryRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                DeliveryState.valueOf(rs.getString(5)),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                instant(rs.getTimestamp(10)),
                                instant(rs.getTimestamp(11)),
                                instant(rs.getTimestamp(12)),
                                instant(rs.getTimestamp(13)),
                                rs.getString(14)));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
