package io.facteur.core.internal.security;

import io.facteur.core.internal.Sha256;
import io.facteur.core.internal.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * API keys of invoicing software, each scoped to one dossier. A key is {@code fct_<id>_<secret>}:
 * the id finds the row, only the SHA-256 of the secret is stored (256 random bits need no slow
 * hash), and the key is shown once, when it is made.
 */
@Component(service = ApiKeys.class)
public class ApiKeys {
    private static final Pattern FORMAT = Pattern.compile("fct_([a-z0-9]{16})_([A-Za-z0-9_-]{43})");
    private final SecureRandom random = new SecureRandom();
    private final Database database;

    @Activate
    public ApiKeys(@Reference Database database) {
        this.database = database;
    }

    /**
     * A key as listed: never its secret.
     *
     * @param id the key id
     * @param dossier its dossier
     * @param label what it is for
     * @param createdAt when it was made
     * @param revoked whether it was revoked
     */
    public record KeyInfo(
            String id, String dossier, String label, Instant createdAt, boolean revoked) {}

    /**
     * A new key: {@code key} is shown this once.
     *
     * @param info the key as listed
     * @param key the full key to give to the invoicing software
     */
    public record IssuedKey(KeyInfo info, String key) {}

    /** Makes a key for the dossier. */
    public IssuedKey issue(String dossier, String label) throws SQLException {
        String id = HexFormat.of().formatHex(bytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        Instant now = Instant.now();
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO api_key (id, dossier_id, label, secret_hash, created_at)"
                                        + " VALUES (?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, dossier);
            ps.setString(3, label);
            ps.setString(4, Sha256.hex(secret));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
        return new IssuedKey(
                new KeyInfo(id, dossier, label, now, false), "fct_" + id + "_" + secret);
    }

    /** The dossier the key opens, or empty when the key is unknown, malformed or revoked. */
    public Optional<KeyInfo> authenticate(String key) throws SQLException {
        Matcher m = FORMAT.matcher(key == null ? "" : key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, dossier_id, label, created_at, revoked_at, secret_hash"
                                        + " FROM api_key WHERE id = ?")) {
            ps.setString(1, m.group(1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                boolean match =
                        MessageDigest.isEqual(
                                rs.getString(6).getBytes(StandardCharsets.US_ASCII),
                                Sha256.hex(m.group(2)).getBytes(StandardCharsets.US_ASCII));
                KeyInfo info = info(rs);
                return match && !info.revoked() ? Optional.of(info) : Optional.empty();
            }
        }
    }

    /** The dossier's keys, newest first. */
    public List<KeyInfo> list(String dossier) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, dossier_id, label, created_at, revoked_at FROM api_key"
                                        + " WHERE dossier_id = ? ORDER BY created_at DESC")) {
            ps.setString(1, dossier);
            try (ResultSet rs = ps.executeQuery()) {
                List<KeyInfo> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(info(rs));
                }
                return out;
            }
        }
    }

    /** Revokes a key of the dossier; false when the dossier has no such key. */
    public boolean revoke(String dossier, String id) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE api_key SET revoked_at = ? WHERE id = ? AND dossier_id = ?"
                                        + " AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, id);
            ps.setString(3, dossier);
            return ps.executeUpdate() == 1;
        }
    }

    private static KeyInfo info(ResultSet rs) throws SQLException {
        return new KeyInfo(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5) != null);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
