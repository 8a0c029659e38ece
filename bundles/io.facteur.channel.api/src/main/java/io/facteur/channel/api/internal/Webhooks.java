package io.facteur.channel.api.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The registered webhooks, in table {@value Schema#WEBHOOKS}: each belongs to the API key that
 * registered it (and gets the changes of the invoices that key brought), or to the whole dossier
 * when an admin registered it. The secret signs the events; it is returned once, at registration.
 */
final class Webhooks {
    private static final String COLUMNS = "id, dossier, key_id, url, created_by, created_at";
    private final SecureRandom random = new SecureRandom();
    private final ChannelDatabase database;

    Webhooks(ChannelDatabase database) {
        this.database = database;
    }

    /**
     * A webhook as listed, never with its secret.
     *
     * @param id its id
     * @param dossier its dossier
     * @param keyId the API key it belongs to; null for a dossier-wide webhook of an admin
     * @param url where events go
     * @param createdBy the API key id or admin who registered it
     * @param createdAt when
     */
    record Webhook(
            String id,
            String dossier,
            String keyId,
            String url,
            String createdBy,
            Instant createdAt) {
        /** Whether a change of an invoice from this source is for this webhook. */
        boolean wants(String sourceChannel, String sourceDetail, Instant at) {
            boolean source =
                    keyId == null
                            || ("api".equals(sourceChannel)
                                    && ("key " + keyId).equals(sourceDetail));
            return source && !at.isBefore(createdAt);
        }
    }

    /**
     * A webhook with the secret that signs its events.
     *
     * @param webhook the webhook
     * @param secret its secret
     */
    record Signed(Webhook webhook, String secret) {}

    /** Registers a webhook, unless its owner has {@code max} already. */
    Optional<Signed> register(String dossier, String keyId, String url, String createdBy, int max)
            throws SQLException {
        try (Connection c = database.connection()) {
            try (PreparedStatement p =
                    c.prepareStatement(
                            "SELECT COUNT(*) FROM "
                                    + Schema.WEBHOOKS
                                    + " WHERE dossier = ? AND "
                                    + (keyId == null ? "key_id IS NULL" : "key_id = ?"))) {
                p.setString(1, dossier);
                if (keyId != null) {
                    p.setString(2, keyId);
                }
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= max) {
                        return Optional.empty();
                    }
                }
            }
            Webhook hook =
                    new Webhook(
                            "wh_" + HexFormat.of().formatHex(bytes(12)),
                            dossier,
                            keyId,
                            url,
                            createdBy,
                            Instant.now());
            String secret =
                    "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
            try (PreparedStatement p =
                    c.prepareStatement(
                            "INSERT INTO "
                                    + Schema.WEBHOOKS
                                    + " ("
                                    + COLUMNS
                                    + ", secret) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, hook.id());
                p.setString(2, dossier);
                if (keyId == null) {
                    p.setNull(3, Types.VARCHAR);
                } else {
                    p.setString(3, keyId);
                }
                p.setString(4, url);
                p.setString(5, createdBy);
                p.setTimestamp(6, Timestamp.from(hook.createdAt()));
                p.setString(7, secret);
                p.executeUpdate();
            }
            return Optional.of(new Signed(hook, secret));
        }
    }

    /** The dossier's webhooks, oldest first; only those of {@code keyId} unless it is null. */
    List<Webhook> list(String dossier, String keyId) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM "
                                        + Schema.WEBHOOKS
                                        + " WHERE dossier = ?"
                                        + (keyId == null ? "" : " AND key_id = ?")
                                        + " ORDER BY created_at, id")) {
            p.setString(1, dossier);
            if (keyId != null) {
                p.setString(2, keyId);
            }
            List<Webhook> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(webhook(r));
                }
            }
            return out;
        }
    }

    /** Every webhook of the dossier with its secret, for the sender. */
    List<Signed> signed(String dossier) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + ", secret FROM "
                                        + Schema.WEBHOOKS
                                        + " WHERE dossier = ?")) {
            p.setString(1, dossier);
            List<Signed> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Signed(webhook(r), r.getString(7)));
                }
            }
            return out;
        }
    }

    /** One webhook with its secret, for the sender; empty when it was deleted. */
    Optional<Signed> byId(String id) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + ", secret FROM "
                                        + Schema.WEBHOOKS
                                        + " WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next()
                        ? Optional.of(new Signed(webhook(r), r.getString(7)))
                        : Optional.empty();
            }
        }
    }

    /** Deletes a webhook of the dossier (of that key unless it is null) and its events. */
    boolean delete(String dossier, String id, String keyId) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int deleted;
                try (PreparedStatement p =
                        c.prepareStatement(
                                "DELETE FROM "
                                        + Schema.WEBHOOKS
                                        + " WHERE id = ? AND dossier = ?"
                                        + (keyId == null ? "" : " AND key_id = ?"))) {
                    p.setString(1, id);
                    p.setString(2, dossier);
                    if (keyId != null) {
                        p.setString(3, keyId);
                    }
                    deleted = p.executeUpdate();
                }
                if (deleted == 1) {
                    try (PreparedStatement p =
                            c.prepareStatement(
                                    "DELETE FROM " + Schema.EVENTS + " WHERE webhook_id = ?")) {
                        p.setString(1, id);
                        p.executeUpdate();
                    }
                }
                c.commit();
                return deleted == 1;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Webhook webhook(ResultSet r) throws SQLException {
        return new Webhook(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getTimestamp(6).toInstant());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
