package io.facteur.core.internal.inbox;

import io.facteur.api.invoice.Invoice;
import io.facteur.core.internal.db.Database;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Invoices and their timelines in the database. */
public final class InvoiceStore {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String COLUMNS =
            "id, dossier_id, sha256, file_name, media_type, size_bytes, source_channel,"
                    + " source_detail, received_at, status, reason, format, profile, reader, number,"
                    + " type_code, issue_date, due_date, currency, seller_name, buyer_name, payable";
    private final Database database;

    public InvoiceStore(Database database) {
        this.database = database;
    }

    /** The id of the invoice with these bytes in the dossier, if any. */
    public Optional<String> findBySha(Connection c, String dossier, String sha)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id FROM invoice WHERE dossier_id = ? AND sha256 = ?")) {
            ps.setString(1, dossier);
            ps.setString(2, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts a newly received invoice (status RECEIVED). */
    public void insert(Connection c, InvoiceRow r) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO invoice (id, dossier_id, sha256, file_name, media_type, size_bytes,"
                                + " source_channel, source_detail, received_at, status)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.dossier());
            ps.setString(3, r.sha256());
            ps.setString(4, clip(r.fileName(), 255));
            ps.setString(5, clip(r.mediaType(), 100));
            ps.setLong(6, r.size());
            ps.setString(7, clip(r.sourceChannel(), 64));
            ps.setString(8, clip(r.sourceDetail(), 255));
            ps.setTimestamp(9, Timestamp.from(r.receivedAt()));
            ps.setString(10, InvoiceStatus.RECEIVED.name());
            ps.executeUpdate();
        }
        changed(c, r.id(), InvoiceStatus.RECEIVED, null);
    }

    /** Writes a status change to the feed, in the caller's transaction. */
    private static void changed(Connection c, String id, InvoiceStatus status, String reason)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO invoice_change (invoice_id, status, reason, changed_at)"
                                + " VALUES (?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, status.name());
            ps.setString(3, clip(reason, 1000));
            ps.setTimestamp(4, Timestamp.from(java.time.Instant.now()));
            ps.executeUpdate();
        }
    }

    /** Appends a step to the timeline. */
    public void event(Connection c, String invoiceId, String step, String outcome, Message message)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO invoice_event (invoice_id, happened_at, step, outcome, detail,"
                                + " message_key, message_args) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, invoiceId);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, step);
            ps.setString(4, outcome);
            ps.setString(5, clip(message.english(), 2000));
            ps.setString(6, message.key());
            ps.setString(7, args(message));
            ps.executeUpdate();
        }
    }

    /** The arguments as a JSON array of strings, each clipped so that the column holds them. */
    private static String args(Message message) {
        int each = Math.max(40, 3500 / Math.max(1, message.args().size()));
        try {
            return JSON.writeValueAsString(
                    message.args().stream().map(a -> clip(a, each)).toList());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Message message(String key, String args) {
        if (key == null) {
            return null;
        }
        try {
            return new Message(
                    key,
                    args == null
                            ? List.of()
                            : JSON.readValue(
                                    args,
                                    new com.fasterxml.jackson.core.type.TypeReference<
                                            List<String>>() {}));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // the English detail is still there
        }
    }

    /** Sets the status and its reason. */
    /**
     * Sets an invoice's status and its reason; a change of status is written to the feed of changes
     * ({@code invoice_change}) in the same transaction.
     */
    public void status(Connection c, String id, InvoiceStatus status, String reason)
            throws SQLException {
        int changed;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE invoice SET status = ?, reason = ? WHERE id = ? AND status <> ?")) {
            ps.setString(1, status.name());
            ps.setString(2, clip(reason, 1000));
            ps.setString(3, id);
            ps.setString(4, status.name());
            changed = ps.executeUpdate();
        }
        if (changed == 0) {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE invoice SET reason = ? WHERE id = ?")) {
                ps.setString(1, clip(reason, 1000));
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return;
        }
        changed(c, id, status, reason);
    }

    /** Records what the document was detected as. */
    public void detected(Connection c, String id, String format, String profile, String reader)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE invoice SET format = ?, profile = ?, reader = ? WHERE id = ?")) {
            ps.setString(1, format);
            ps.setString(2, clip(profile, 200));
            ps.setString(3, clip(reader, 64));
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    /** Records the searchable business terms read from the document. */
    public void read(Connection c, String id, Invoice inv) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE invoice SET number = ?, type_code = ?, issue_date = ?, due_date = ?,"
                                + " currency = ?, seller_name = ?, buyer_name = ?, payable = ? WHERE id = ?")) {
            ps.setString(1, clip(inv.number(), 200));
            ps.setString(2, clip(inv.typeCode(), 10));
            ps.setDate(3, Date.valueOf(inv.issueDate()));
            if (inv.dueDate() == null) {
                ps.setNull(4, Types.DATE);
            } else {
                ps.setDate(4, Date.valueOf(inv.dueDate()));
            }
            ps.setString(5, clip(inv.currency(), 3));
            ps.setString(6, inv.seller() == null ? null : clip(inv.seller().name(), 300));
            ps.setString(7, inv.buyer() == null ? null : clip(inv.buyer().name(), 300));
            ps.setBigDecimal(8, inv.totals() == null ? null : inv.totals().payable());
            ps.setString(9, id);
            ps.executeUpdate();
        }
    }

    /** True when the invoice's timeline has an event of that step and outcome. */
    public boolean hasEvent(Connection c, String id, String step, String outcome)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT 1 FROM invoice_event WHERE invoice_id = ? AND step = ? AND outcome = ?")) {
            ps.setString(1, id);
            ps.setString(2, step);
            ps.setString(3, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Links an invoice to the customer of its buyer. */
    public void customer(Connection c, String id, String customerId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE invoice SET customer_id = ? WHERE id = ?")) {
            ps.setString(1, customerId);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** The customer of an invoice's buyer, empty when the buyer named nothing. */
    public Optional<String> customerOf(Connection c, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT customer_id FROM invoice WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Optional<InvoiceRow> find(String dossier, String id) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM invoice WHERE dossier_id = ? AND id = ?")) {
            ps.setString(1, dossier);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<InvoiceRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM invoice WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public List<InvoiceRow> list(String dossier, InvoiceFilter f) throws SQLException {
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM invoice WHERE dossier_id = ?");
        List<Object> args = new ArrayList<>(List.of(dossier));
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status().name());
        }
        if (f.issuedFrom() != null) {
            sql.append(" AND issue_date >= ?");
            args.add(Date.valueOf(f.issuedFrom()));
        }
        if (f.issuedTo() != null) {
            sql.append(" AND issue_date <= ?");
            args.add(Date.valueOf(f.issuedTo()));
        }
        if (f.buyer() != null) {
            sql.append(" AND LOWER(buyer_name) LIKE ?");
            args.add(like(f.buyer()));
        }
        if (f.number() != null) {
            sql.append(" AND number = ?");
            args.add(f.number());
        }
        if (f.text() != null) {
            sql.append(
                    " AND (LOWER(number) LIKE ? OR LOWER(seller_name) LIKE ?"
                            + " OR LOWER(buyer_name) LIKE ? OR LOWER(file_name) LIKE ?)");
            for (int i = 0; i < 4; i++) {
                args.add(like(f.text()));
            }
        }
        sql.append(" ORDER BY received_at DESC, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        args.add(f.offset());
        args.add(f.limit());
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<InvoiceRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    public List<TimelineEvent> timeline(String id) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT happened_at, step, outcome, detail, message_key, message_args"
                                        + " FROM invoice_event WHERE invoice_id = ?"
                                        + " ORDER BY id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<TimelineEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(
                            new TimelineEvent(
                                    rs.getTimestamp(1).toInstant(),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    message(rs.getString(5), rs.getString(6))));
                }
                return out;
            }
        }
    }

    private static InvoiceRow map(ResultSet rs) throws SQLException {
        Date issue = rs.getDate(17);
        Date due = rs.getDate(18);
        return new InvoiceRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3).trim(),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                InvoiceStatus.valueOf(rs.getString(10)),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15),
                rs.getString(16),
                issue == null ? null : issue.toLocalDate(),
                due == null ? null : due.toLocalDate(),
                rs.getString(19),
                rs.getString(20),
                rs.getString(21),
                rs.getBigDecimal(22));
    }

    private static String like(String s) {
        String escaped = s.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "");
        return "%" + escaped + "%";
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
