package io.facteur.channel.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The remembered idempotency keys, in table {@value Schema#IDEMPOTENCY}: one row per caller,
 * dossier and key, first {@code IN_PROGRESS} (the primary key decides between two concurrent first
 * requests), then the answer to replay until the row expires. A row left in progress longer than
 * {@link #STALE} belongs to a request that died with its node, and is taken over.
 */
final class Idempotency {
    /** Longer than any import request takes. */
    static final Duration STALE = Duration.ofMinutes(10);

    /** The largest answer kept for replay; a larger one is not remembered. */
    static final int MAX_BODY_CHARS = 32_000;

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String DONE = "DONE";

    private final ChannelDatabase database;

    Idempotency(ChannelDatabase database) {
        this.database = database;
    }

    /** What to do with a request that carries a key. */
    sealed interface Claim {}

    /** First time: let it through; its answer is stored under {@code scope}. */
    record Proceed(String scope) implements Claim {}

    /** Seen with the same body: answer this again. */
    record Replay(Stored answer) implements Claim {}

    /** Seen with another body. */
    record Reused() implements Claim {}

    /** The first request with this key has not answered yet. */
    record InProgress() implements Claim {}

    /**
     * A stored answer.
     *
     * @param status the HTTP status
     * @param contentType its media type, may be null
     * @param location its {@code Location}, may be null
     * @param body its body, may be empty
     */
    record Stored(int status, String contentType, String location, String body) {}

    /** Looks the key up and claims it when it is new. */
    Claim claim(
            String principal,
            String dossier,
            String key,
            String bodyHash,
            Instant now,
            Duration lifetime)
            throws SQLException {
        String scope = sha256(principal + "\n" + dossier + "\n" + key);
        try (Connection c = database.connection()) {
            for (int attempt = 0; attempt < 5; attempt++) {
                try (PreparedStatement p =
                        c.prepareStatement(
                                "SELECT body_hash, state, status, content_type, location,"
                                        + " response_body, created_at, expires_at FROM "
                                        + Schema.IDEMPOTENCY
                                        + " WHERE scope_hash = ?")) {
                    p.setString(1, scope);
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            Timestamp created = r.getTimestamp(7);
                            Timestamp expires = r.getTimestamp(8);
                            boolean inProgress = IN_PROGRESS.equals(r.getString(2));
                            if (!expires.toInstant().isAfter(now)
                                    || (inProgress
                                            && created.toInstant().plus(STALE).isBefore(now))) {
                                remove(c, scope, created);
                                continue;
                            }
                            if (!bodyHash.equals(r.getString(1))) {
                                return new Reused();
                            }
                            if (inProgress) {
                                return new InProgress();
                            }
                            String body = r.getString(6);
                            return new Replay(
                                    new Stored(
                                            r.getInt(3),
                                            r.getString(4),
                                            r.getString(5),
                                            body == null ? "" : body));
                        }
                    }
                }
                if (insert(c, scope, principal, dossier, key, bodyHash, now, lifetime)) {
                    return new Proceed(scope);
                }
            }
        }
        return new InProgress();
    }

    private static boolean insert(
            Connection c,
            String scope,
            String principal,
            String dossier,
            String key,
            String bodyHash,
            Instant now,
            Duration lifetime)
            throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "INSERT INTO "
                                + Schema.IDEMPOTENCY
                                + " (scope_hash, principal, dossier, idem_key, body_hash, state,"
                                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, scope);
            p.setString(2, principal);
            p.setString(3, dossier);
            p.setString(4, key);
            p.setString(5, bodyHash);
            p.setString(6, IN_PROGRESS);
            p.setTimestamp(7, Timestamp.from(now));
            p.setTimestamp(8, Timestamp.from(now.plus(lifetime)));
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            // 23505: another request with the same key was first
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static void remove(Connection c, String scope, Timestamp created) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "DELETE FROM "
                                + Schema.IDEMPOTENCY
                                + " WHERE scope_hash = ? AND created_at = ?")) {
            p.setString(1, scope);
            p.setTimestamp(2, created);
            p.executeUpdate();
        }
    }

    /** Stores the answer of a claimed key; an answer too large to keep releases the key instead. */
    void complete(String scope, Stored answer) throws SQLException {
        if (answer.body().length() > MAX_BODY_CHARS) {
            forget(scope);
            return;
        }
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + Schema.IDEMPOTENCY
                                        + " SET state = ?, status = ?, content_type = ?,"
                                        + " location = ?, response_body = ? WHERE scope_hash = ?"
                                        + " AND state = ?")) {
            p.setString(1, DONE);
            p.setInt(2, answer.status());
            nullable(p, 3, answer.contentType(), 255);
            nullable(p, 4, answer.location(), 2048);
            p.setString(5, answer.body());
            p.setString(6, scope);
            p.setString(7, IN_PROGRESS);
            p.executeUpdate();
        }
    }

    /** Releases a claimed key (the request failed): the same key may be sent again. */
    void forget(String scope) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "DELETE FROM " + Schema.IDEMPOTENCY + " WHERE scope_hash = ?")) {
            p.setString(1, scope);
            p.executeUpdate();
        }
    }

    /** Deletes the expired keys; how many. */
    int purge(Instant now) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "DELETE FROM " + Schema.IDEMPOTENCY + " WHERE expires_at <= ?")) {
            p.setTimestamp(1, Timestamp.from(now));
            return p.executeUpdate();
        }
    }

    private static void nullable(PreparedStatement p, int index, String value, int max)
            throws SQLException {
        if (value == null || value.length() > max) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }

    /** Hex SHA-256 of the UTF-8 text. */
    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of the bytes. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
