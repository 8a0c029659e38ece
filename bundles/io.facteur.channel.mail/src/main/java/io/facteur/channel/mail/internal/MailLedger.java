package io.facteur.channel.mail.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The channel's two tables in the platform's database, in portable SQL (Derby and PostgreSQL):
 * {@value #IMPORTED}, the mails already imported, keyed by a hash of their Message-ID, so that the
 * same mail twice imports once; and {@value #REJECTED}, the mails left in the Rejected folder with
 * their reason, for admins.
 */
final class MailLedger {
    static final String IMPORTED = "facteur_mail_imported";
    static final String REJECTED = "facteur_mail_rejected";

    /**
     * One rejected mail.
     *
     * @param dossier the dossier it was for, null when none matched
     * @param reason why it was rejected
     * @param detail what was found, in English, for the admin
     */
    record Rejected(
            long seq,
            String dossier,
            String sender,
            String subject,
            String messageId,
            Reason reason,
            String detail,
            Instant at) {}

    private final DataSource dataSource;

    MailLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the tables when missing. */
    void create() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            createIfMissing(
                    c,
                    IMPORTED,
                    "CREATE TABLE "
                            + IMPORTED
                            + " (message_key VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " dossier VARCHAR(128) NOT NULL,"
                            + " message_id VARCHAR(255) NOT NULL,"
                            + " invoices INTEGER NOT NULL,"
                            + " imported_at TIMESTAMP NOT NULL)");
            createIfMissing(
                    c,
                    REJECTED,
                    "CREATE TABLE "
                            + REJECTED
                            + " (seq BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,"
                            + " message_key VARCHAR(64) NOT NULL UNIQUE,"
                            + " dossier VARCHAR(128),"
                            + " sender VARCHAR(320) NOT NULL,"
                            + " subject VARCHAR(255) NOT NULL,"
                            + " message_id VARCHAR(255) NOT NULL,"
                            + " reason VARCHAR(40) NOT NULL,"
                            + " detail VARCHAR(255) NOT NULL,"
                            + " rejected_at TIMESTAMP NOT NULL)");
        }
    }

    private static void createIfMissing(Connection c, String table, String ddl)
            throws SQLException {
        if (exists(c, table)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(ddl);
        } catch (SQLException e) {
            // another instance created it meanwhile (Derby X0Y32, PostgreSQL 42P07)
            if (!exists(c, table)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String name =
                meta.storesUpperCaseIdentifiers()
                        ? table.toUpperCase(Locale.ROOT)
                        : table.toLowerCase(Locale.ROOT);
        try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    /** Whether the mail was imported already. */
    boolean imported(String messageKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT 1 FROM " + IMPORTED + " WHERE message_key = ?")) {
            p.setString(1, messageKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Records a mail as imported; a second record of the same key is a no-op. */
    void recordImported(String messageKey, String dossier, String messageId, int invoices)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + IMPORTED
                                        + " (message_key, dossier, message_id, invoices,"
                                        + " imported_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, messageKey);
            p.setString(2, dossier);
            p.setString(3, Text.bound(messageId, 255));
            p.setInt(4, invoices);
            p.setTimestamp(5, Timestamp.from(Instant.now()));
            p.executeUpdate();
        } catch (SQLException e) {
            if (!imported(messageKey)) {
                throw e;
            }
        }
    }

    /** Adds a rejected mail, once per mail even when a crash makes it rejected twice. */
    void recordRejected(String messageKey, Rejected r) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p =
                    c.prepareStatement("SELECT 1 FROM " + REJECTED + " WHERE message_key = ?")) {
                p.setString(1, messageKey);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement p =
                    c.prepareStatement(
                            "INSERT INTO "
                                    + REJECTED
                                    + " (message_key, dossier, sender, subject, message_id,"
                                    + " reason, detail, rejected_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, messageKey);
                p.setString(2, r.dossier());
                p.setString(3, Text.bound(r.sender(), 320));
                p.setString(4, Text.bound(r.subject(), 255));
                p.setString(5, Text.bound(r.messageId(), 255));
                p.setString(6, r.reason().name());
                p.setString(7, Text.bound(r.detail(), 255));
                p.setTimestamp(8, Timestamp.from(r.at()));
                p.executeUpdate();
            }
        }
    }

    /**
     * The rejected mails, newest first.
     *
     * @param dossier only those for this dossier, or null for all
     * @param limit most rows returned
     */
    List<Rejected> rejected(String dossier, int limit) throws SQLException {
        String sql =
                "SELECT seq, dossier, sender, subject, message_id, reason, detail, rejected_at"
                        + " FROM "
                        + REJECTED
                        + (dossier == null ? "" : " WHERE dossier = ?")
                        + " ORDER BY seq DESC";
        List<Rejected> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            if (dossier != null) {
                p.setString(1, dossier);
            }
            p.setMaxRows(limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next() && out.size() < limit) {
                    out.add(
                            new Rejected(
                                    r.getLong(1),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getString(5),
                                    reason(r.getString(6)),
                                    r.getString(7),
                                    r.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }

    private static Reason reason(String name) {
        try {
            return Reason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Reason.MALFORMED;
        }
    }
}
