package io.facteur.channel.api.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The channel's tables in the platform's database, in portable SQL (Derby and PostgreSQL), created
 * when missing: remembered idempotency keys, webhooks, their outgoing events (an outbox) and the
 * cursor in the core's feed of status changes.
 */
final class Schema {
    static final String IDEMPOTENCY = "facteur_api_idempotency";
    static final String WEBHOOKS = "facteur_api_webhooks";
    static final String EVENTS = "facteur_api_events";
    static final String CURSOR = "facteur_api_cursor";

    private Schema() {}

    /** Creates every table and index that is missing. */
    static void create(Connection c) throws SQLException {
        table(
                c,
                IDEMPOTENCY,
                List.of(
                        "CREATE TABLE "
                                + IDEMPOTENCY
                                + " (scope_hash CHAR(64) NOT NULL PRIMARY KEY,"
                                + " principal VARCHAR(255) NOT NULL,"
                                + " dossier VARCHAR(128) NOT NULL,"
                                + " idem_key VARCHAR(255) NOT NULL,"
                                + " body_hash CHAR(64) NOT NULL,"
                                + " state VARCHAR(16) NOT NULL,"
                                + " status INT,"
                                + " content_type VARCHAR(255),"
                                + " location VARCHAR(2048),"
                                + " response_body VARCHAR(32000),"
                                + " created_at TIMESTAMP NOT NULL,"
                                + " expires_at TIMESTAMP NOT NULL)",
                        "CREATE INDEX facteur_api_idem_exp ON " + IDEMPOTENCY + " (expires_at)"));
        table(
                c,
                WEBHOOKS,
                List.of(
                        "CREATE TABLE "
                                + WEBHOOKS
                                + " (id VARCHAR(40) NOT NULL PRIMARY KEY,"
                                + " dossier VARCHAR(128) NOT NULL,"
                                + " key_id VARCHAR(64),"
                                + " url VARCHAR(2048) NOT NULL,"
                                + " secret VARCHAR(128) NOT NULL,"
                                + " created_by VARCHAR(255) NOT NULL,"
                                + " created_at TIMESTAMP NOT NULL)",
                        "CREATE INDEX facteur_api_hook_dossier ON " + WEBHOOKS + " (dossier)"));
        table(
                c,
                EVENTS,
                List.of(
                        "CREATE TABLE "
                                + EVENTS
                                + " (id VARCHAR(40) NOT NULL PRIMARY KEY,"
                                + " webhook_id VARCHAR(40) NOT NULL,"
                                + " change_seq BIGINT NOT NULL,"
                                + " invoice_id VARCHAR(128) NOT NULL,"
                                + " status VARCHAR(32) NOT NULL,"
                                + " payload VARCHAR(16000) NOT NULL,"
                                + " state VARCHAR(16) NOT NULL,"
                                + " attempts INT NOT NULL,"
                                + " created_at TIMESTAMP NOT NULL,"
                                + " next_at TIMESTAMP NOT NULL,"
                                + " last_at TIMESTAMP,"
                                + " last_status INT,"
                                + " last_error VARCHAR(500),"
                                + " CONSTRAINT facteur_api_evt_once UNIQUE (webhook_id, change_seq))",
                        "CREATE INDEX facteur_api_evt_due ON " + EVENTS + " (state, next_at)"));
        table(
                c,
                CURSOR,
                List.of(
                        "CREATE TABLE "
                                + CURSOR
                                + " (name VARCHAR(32) NOT NULL PRIMARY KEY, seq BIGINT NOT NULL)"));
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
