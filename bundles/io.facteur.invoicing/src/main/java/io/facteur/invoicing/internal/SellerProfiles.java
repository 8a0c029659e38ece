package io.facteur.invoicing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The seller profile of each dossier, as JSON in {@value InvoicingSchema#SELLER_PROFILE}. Issuing
 * copies the profile into the invoice's snapshot: changing it later never changes an issued
 * invoice.
 */
public final class SellerProfiles {
    private final InvoicingDatabase database;
    private final Clock clock;

    public SellerProfiles(InvoicingDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The dossier's profile, if it has one. */
    public Optional<SellerProfile> find(String dossier) throws SQLException {
        try (Connection c = database.connection()) {
            return find(c, dossier);
        }
    }

    /** Stores the dossier's profile, replacing the one it had. */
    public void save(String dossier, SellerProfile profile) throws SQLException {
        String json = Json.write(profile);
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = database.connection()) {
            try (PreparedStatement p =
                    c.prepareStatement(
                            "UPDATE "
                                    + InvoicingSchema.SELLER_PROFILE
                                    + " SET profile = ?, updated_at = ? WHERE dossier = ?")) {
                p.setString(1, json);
                p.setTimestamp(2, now);
                p.setString(3, dossier);
                if (p.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement p =
                    c.prepareStatement(
                            "INSERT INTO "
                                    + InvoicingSchema.SELLER_PROFILE
                                    + " (dossier, profile, updated_at) VALUES (?, ?, ?)")) {
                p.setString(1, dossier);
                p.setString(2, json);
                p.setTimestamp(3, now);
                p.executeUpdate();
            }
        }
    }

    static Optional<SellerProfile> find(Connection c, String dossier) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT profile FROM "
                                + InvoicingSchema.SELLER_PROFILE
                                + " WHERE dossier = ?")) {
            p.setString(1, dossier);
            try (ResultSet r = p.executeQuery()) {
                return r.next()
                        ? Optional.of(Json.read(r.getString(1), SellerProfile.class))
                        : Optional.empty();
            }
        }
    }
}
