package io.facteur.channel.api.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The outgoing webhook events, in table {@value Schema#EVENTS}, and the cursor in the core's feed
 * of changes that produced them (table {@value Schema#CURSOR}): the events of a batch of changes
 * and the cursor after it are written in one transaction, so that a change is turned into events
 * exactly once, whatever restarts. An event is {@code PENDING} until it is {@code DELIVERED} or,
 * after the give-up time, {@code FAILED}.
 */
final class Outbox {
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    private static final String CURSOR_NAME = "webhooks";
    private static final String COLUMNS =
            "id, webhook_id, change_seq, invoice_id, status, payload, state, attempts, created_at,"
                    + " next_at, last_at, last_status, last_error";

    private final ChannelDatabase database;

    Outbox(ChannelDatabase database) {
        this.database = database;
    }

    /**
     * One event.
     *
     * @param id its id, also in its body and {@code Facteur-Event-Id}
     * @param webhookId the webhook it goes to
     * @param changeSeq the change it tells of
     * @param invoiceId the invoice
     * @param status the invoice's new status
     * @param payload the JSON body
     * @param state PENDING, DELIVERED or FAILED
     * @param attempts how many sends were tried
     * @param createdAt when it was written
     * @param nextAt when it is (or was) to be sent next
     * @param lastAt when it was last tried
     * @param lastStatus the HTTP status of the last try, null when none came
     * @param lastError why the last try failed ({@code kind|detail}), null when it did not
     */
    record Event(
            String id,
            String webhookId,
            long changeSeq,
            String invoiceId,
            String status,
            String payload,
            String state,
            int attempts,
            Instant createdAt,
            Instant nextAt,
            Instant lastAt,
            Integer lastStatus,
            String lastError) {}

    /** The cursor, empty before the first start. */
    OptionalLong cursor() throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT seq FROM " + Schema.CURSOR + " WHERE name = ?")) {
            p.setString(1, CURSOR_NAME);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Sets the cursor for the first time (to the feed's head: no past is sent). */
    void start(long head) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "INSERT INTO " + Schema.CURSOR + " (name, seq) VALUES (?, ?)")) {
            p.setString(1, CURSOR_NAME);
            p.setLong(2, head);
            p.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e; // else another node started it
            }
        }
    }

    /**
     * Writes the events of the changes after {@code from} up to {@code to} and moves the cursor to
     * {@code to}, in one transaction; false (nothing written) when another node moved it first.
     */
    boolean append(long from, long to, List<Event> events) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + Schema.CURSOR
                                        + " SET seq = ? WHERE name = ? AND seq = ?")) {
                    p.setLong(1, to);
                    p.setString(2, CURSOR_NAME);
                    p.setLong(3, from);
                    if (p.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement p =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + Schema.EVENTS
                                        + " ("
                                        + COLUMNS
                                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Event e : events) {
                        p.setString(1, e.id());
                        p.setString(2, e.webhookId());
                        p.setLong(3, e.changeSeq());
                        p.setString(4, e.invoiceId());
                        p.setString(5, e.status());
                        p.setString(6, e.payload());
                        p.setString(7, PENDING);
                        p.setInt(8, 0);
                        p.setTimestamp(9, Timestamp.from(e.createdAt()));
                        p.setTimestamp(10, Timestamp.from(e.nextAt()));
                        p.setNull(11, Types.TIMESTAMP);
                        p.setNull(12, Types.INTEGER);
                        p.setNull(13, Types.VARCHAR);
                        p.addBatch();
                    }
                    if (!events.isEmpty()) {
                        p.executeBatch();
                    }
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Pending events due now, in the order they are to be sent. */
    List<Event> due(Instant now, int limit) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM "
                                        + Schema.EVENTS
                                        + " WHERE state = ? AND next_at <= ?"
                                        + " ORDER BY next_at, change_seq")) {
            p.setString(1, PENDING);
            p.setTimestamp(2, Timestamp.from(now));
            return events(p, limit);
        }
    }

    /**
     * Takes a due event for one send: no other node sends it before {@code until}; false when
     * another took it first.
     */
    boolean claim(Event e, Instant until) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + Schema.EVENTS
                                        + " SET next_at = ? WHERE id = ? AND state = ? AND next_at = ?")) {
            p.setTimestamp(1, Timestamp.from(until));
            p.setString(2, e.id());
            p.setString(3, PENDING);
            p.setTimestamp(4, Timestamp.from(e.nextAt()));
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Records a try: {@code state} DELIVERED, PENDING (to be tried again at {@code next}) or
     * FAILED.
     */
    void attempted(String id, String state, Instant at, Integer status, String error, Instant next)
            throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + Schema.EVENTS
                                        + " SET state = ?, attempts = attempts + 1, last_at = ?,"
                                        + " last_status = ?, last_error = ?, next_at = ?"
                                        + " WHERE id = ?")) {
            p.setString(1, state);
            p.setTimestamp(2, Timestamp.from(at));
            if (status == null) {
                p.setNull(3, Types.INTEGER);
            } else {
                p.setInt(3, status);
            }
            if (error == null) {
                p.setNull(4, Types.VARCHAR);
            } else {
                p.setString(4, error.length() > 500 ? error.substring(0, 500) : error);
            }
            p.setTimestamp(5, Timestamp.from(next));
            p.setString(6, id);
            p.executeUpdate();
        }
    }

    /** Holds the webhook's other pending events until {@code until}: its receiver is failing. */
    void hold(String webhookId, Instant until) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + Schema.EVENTS
                                        + " SET next_at = ? WHERE webhook_id = ? AND state = ?"
                                        + " AND next_at < ?")) {
            p.setTimestamp(1, Timestamp.from(until));
            p.setString(2, webhookId);
            p.setString(3, PENDING);
            p.setTimestamp(4, Timestamp.from(until));
            p.executeUpdate();
        }
    }

    /** Forgets an event whose webhook is gone. */
    void drop(String id) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement("DELETE FROM " + Schema.EVENTS + " WHERE id = ?")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    /** The webhook's events, newest first, in one state unless it is null. */
    List<Event> of(String webhookId, String state, int limit) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM "
                                        + Schema.EVENTS
                                        + " WHERE webhook_id = ?"
                                        + (state == null ? "" : " AND state = ?")
                                        + " ORDER BY change_seq DESC")) {
            p.setString(1, webhookId);
            if (state != null) {
                p.setString(2, state);
            }
            return events(p, limit);
        }
    }

    /** The webhook's last finished event (delivered or failed), if any. */
    java.util.Optional<Event> lastFinished(String webhookId, String state) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM "
                                        + Schema.EVENTS
                                        + " WHERE webhook_id = ? AND state "
                                        + (state == null ? "<> ?" : "= ?")
                                        + " AND last_at IS NOT NULL ORDER BY last_at DESC")) {
            p.setString(1, webhookId);
            p.setString(2, state == null ? PENDING : state);
            return events(p, 1).stream().findFirst();
        }
    }

    /** How many of the webhook's events are pending after at least one failed try. */
    int retrying(String webhookId) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT COUNT(*) FROM "
                                        + Schema.EVENTS
                                        + " WHERE webhook_id = ? AND state = ? AND attempts > 0")) {
            p.setString(1, webhookId);
            p.setString(2, PENDING);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static List<Event> events(PreparedStatement p, int limit) throws SQLException {
        p.setMaxRows(limit);
        List<Event> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Timestamp last = r.getTimestamp(11);
                int status = r.getInt(12);
                Integer lastStatus = r.wasNull() ? null : status;
                out.add(
                        new Event(
                                r.getString(1),
                                r.getString(2),
                                r.getLong(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7),
                                r.getInt(8),
                                r.getTimestamp(9).toInstant(),
                                r.getTimestamp(10).toInstant(),
                                last == null ? null : last.toInstant(),
                                lastStatus,
                                r.getString(13)));
            }
        }
        return out;
    }
}
