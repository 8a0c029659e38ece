package io.facteur.invoicing.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The tables of online invoicing in the platform's database (Derby or PostgreSQL), created when
 * missing: seller profiles, numbering sequences and documents (drafts, then issued invoices). JSON
 * goes in a large text column ({@code CLOB} on Derby, {@code TEXT} elsewhere): a draft of thousands
 * of lines or a profile with its logo exceeds any {@code VARCHAR}.
 */
final class InvoicingSchema {
    static final String SELLER_PROFILE = "inv_seller_profile";
    static final String SEQUENCE = "inv_sequence";
    static final String DOCUMENT = "inv_document";

    private InvoicingSchema() {}

    /** Creates every table and index that is missing. */
    static void create(Connection c) throws SQLException {
        String text =
                c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("derby")
                        ? "CLOB"
                        : "TEXT";
        table(
                c,
                SELLER_PROFILE,
                List.of(
                        "CREATE TABLE "
                                + SELLER_PROFILE
                                + " (dossier VARCHAR(128) NOT NULL PRIMARY KEY,"
                                + " profile "
                                + text
                                + " NOT NULL,"
                                + " updated_at TIMESTAMP NOT NULL)"));
        table(
                c,
                SEQUENCE,
                List.of(
                        "CREATE TABLE "
                                + SEQUENCE
                                + " (dossier VARCHAR(128) NOT NULL PRIMARY KEY,"
                                + " pattern VARCHAR(64) NOT NULL,"
                                + " yearly_reset SMALLINT NOT NULL,"
                                + " next_value BIGINT NOT NULL,"
                                + " seq_year INT NOT NULL,"
                                + " last_issue_date DATE,"
                                + " updated_at TIMESTAMP NOT NULL)"));
        table(
                c,
                DOCUMENT,
                List.of(
                        "CREATE TABLE "
                                + DOCUMENT
                                + " (id VARCHAR(40) NOT NULL PRIMARY KEY,"
                                + " dossier VARCHAR(128) NOT NULL,"
                                + " state VARCHAR(16) NOT NULL,"
                                + " kind VARCHAR(16) NOT NULL,"
                                + " draft "
                                + text
                                + " NOT NULL,"
                                + " number VARCHAR(64),"
                                + " issue_date DATE,"
                                + " issued_at TIMESTAMP,"
                                + " issued "
                                + text
                                + ","
                                + " inbox_document_id VARCHAR(128),"
                                + " created_at TIMESTAMP NOT NULL,"
                                + " updated_at TIMESTAMP NOT NULL,"
                                + " version BIGINT NOT NULL,"
                                + " CONSTRAINT inv_document_number UNIQUE (dossier, number))",
                        "CREATE INDEX inv_document_state ON " + DOCUMENT + " (dossier, state)"));
    }

    private static void table(Connection c, String name, List<String> ddl) throws SQLException {
        if (exists(c, name)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
                s.executeUpdate(statement);
            }
        } catch (SQLException e) {
            // another node created it meanwhile (Derby X0Y32, PostgreSQL 42P07)
            if (!exists(c, name)) {
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
}
