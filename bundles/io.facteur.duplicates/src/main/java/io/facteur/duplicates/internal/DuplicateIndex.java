package io.facteur.duplicates.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The duplicate index: one row per checked document in table {@value #TABLE} of the platform's
 * database, in portable SQL (Derby and PostgreSQL). Both lookups are index range scans: (dossier,
 * number, seller) and (dossier, seller, amount, issue date); the number leads the first so that the
 * amount lookup cannot take it for a match on the seller; rows are ordered by {@code seq}, the
 * order in which documents were first checked.
 */
final class DuplicateIndex {
    static final String TABLE = "facteur_duplicates";
    static final String BY_NUMBER = "facteur_dup_number";
    static final String BY_AMOUNT = "facteur_dup_amount";

    private static final String COLUMNS =
            "seq, document_id, number_key, credit_note, issue_date, payable, currency";

    /** A row found by a lookup. */
    record Row(
            long seq,
            String documentId,
            String number,
            boolean creditNote,
            LocalDate issueDate,
            BigDecimal payable,
            String currency) {}

    private DuplicateIndex() {}

    /** Creates the table and its indexes when missing. */
    static void create(Connection c) throws SQLException {
        if (exists(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            // seq first: with RETURN_GENERATED_KEYS, PostgreSQL returns every column, Derby the
            // identity only; column 1 is seq either way
            s.executeUpdate(
                    "CREATE TABLE "
                            + TABLE
                            + " (seq BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,"
                            + " dossier VARCHAR(128) NOT NULL,"
                            + " document_id VARCHAR(128) NOT NULL,"
                            + " seller_key VARCHAR(110) NOT NULL,"
                            + " number_key VARCHAR(110) NOT NULL,"
                            + " credit_note SMALLINT NOT NULL,"
                            + " issue_date DATE NOT NULL,"
                            + " payable DECIMAL(31,6),"
                            + " currency VARCHAR(8) NOT NULL,"
                            + " PRIMARY KEY (dossier, document_id))");
            s.executeUpdate(
                    "CREATE INDEX "
                            + BY_NUMBER
                            + " ON "
                            + TABLE
                            + " (dossier, number_key, seller_key)");
            s.executeUpdate(
                    "CREATE INDEX "
                            + BY_AMOUNT
                            + " ON "
                            + TABLE
                            + " (dossier, seller_key, payable, issue_date)");
        } catch (SQLException e) {
            // another instance created it meanwhile (Derby X0Y32, PostgreSQL 42P07)
            if (!exists(c)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String name =
                meta.storesUpperCaseIdentifiers()
                        ? TABLE.toUpperCase(Locale.ROOT)
                        : TABLE.toLowerCase(Locale.ROOT);
        try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    /** The seq of a document already indexed. */
    static OptionalLong seq(Connection c, String dossier, String documentId) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT seq FROM " + TABLE + " WHERE dossier = ? AND document_id = ?")) {
            p.setString(1, dossier);
            p.setString(2, documentId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Indexes a document, or finds it indexed already (same dossier and document id).
     *
     * @return its seq
     */
    static long record(Connection c, String dossier, String documentId, IndexKeys keys)
            throws SQLException {
        OptionalLong known = seq(c, dossier, documentId);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        try (PreparedStatement p =
                c.prepareStatement(
                        "INSERT INTO "
                                + TABLE
                                + " (dossier, document_id, seller_key, number_key, credit_note,"
                                + " issue_date, payable, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, dossier);
            p.setString(2, documentId);
            p.setString(3, keys.seller());
            p.setString(4, keys.number());
            p.setShort(5, (short) (keys.creditNote() ? 1 : 0));
            p.setDate(6, Date.valueOf(keys.issueDate()));
            if (keys.payable() == null) {
                p.setNull(7, Types.DECIMAL);
            } else {
                p.setBigDecimal(7, keys.payable());
            }
            p.setString(8, keys.currency());
            p.executeUpdate();
            try (ResultSet generated = p.getGeneratedKeys()) {
                if (generated.next()) {
                    return generated.getLong(1);
                }
            }
        } catch (SQLException e) {
            // 23505: the same document checked at the same time by another worker
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        return seq(c, dossier, documentId)
                .orElseThrow(() -> new SQLException("Index row of " + documentId + " vanished"));
    }

    /**
     * Rows of the same seller, number and type (invoice or credit note) indexed before {@code
     * before}, oldest first.
     */
    static List<Row> sameNumber(
            Connection c, String dossier, IndexKeys keys, long before, int limit)
            throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM "
                                + TABLE
                                + " WHERE dossier = ? AND seller_key = ? AND number_key = ?"
                                + " AND credit_note = ? AND seq < ? ORDER BY seq")) {
            p.setString(1, dossier);
            p.setString(2, keys.seller());
            p.setString(3, keys.number());
            p.setShort(4, (short) (keys.creditNote() ? 1 : 0));
            p.setLong(5, before);
            return rows(p, limit);
        }
    }

    /**
     * Rows of the same seller, type, amount and currency under another number, issued within {@code
     * windowDays} of the invoice, indexed before {@code before}, oldest first. Empty when the
     * invoice has no amount.
     */
    static List<Row> sameAmount(
            Connection c, String dossier, IndexKeys keys, int windowDays, long before, int limit)
            throws SQLException {
        if (keys.payable() == null) {
            return List.of();
        }
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM "
                                + TABLE
                                + " WHERE dossier = ? AND seller_key = ? AND payable = ?"
                                + " AND issue_date BETWEEN ? AND ? AND currency = ?"
                                + " AND credit_note = ? AND number_key <> ? AND seq < ?"
                                + " ORDER BY seq")) {
            p.setString(1, dossier);
            p.setString(2, keys.seller());
            p.setBigDecimal(3, keys.payable());
            p.setDate(4, Date.valueOf(keys.issueDate().minusDays(windowDays)));
            p.setDate(5, Date.valueOf(keys.issueDate().plusDays(windowDays)));
            p.setString(6, keys.currency());
            p.setShort(7, (short) (keys.creditNote() ? 1 : 0));
            p.setString(8, keys.number());
            p.setLong(9, before);
            return rows(p, limit);
        }
    }

    /** Removes a document; true when it was there. */
    static boolean forget(Connection c, String dossier, String documentId) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "DELETE FROM " + TABLE + " WHERE dossier = ? AND document_id = ?")) {
            p.setString(1, dossier);
            p.setString(2, documentId);
            return p.executeUpdate() > 0;
        }
    }

    private static List<Row> rows(PreparedStatement p, int limit) throws SQLException {
        p.setMaxRows(limit);
        List<Row> rows = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                rows.add(
                        new Row(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getShort(4) != 0,
                                r.getDate(5).toLocalDate(),
                                r.getBigDecimal(6),
                                r.getString(7)));
            }
        }
        return rows;
    }
}
