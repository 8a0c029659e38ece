package io.facteur.core.internal.dossier;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes dossiers in the database. */
public final class DossierStore {
    private static final String COLUMNS =
            "id, name, country, registration_id, vat_number, language";
    private final Database database;

    public DossierStore(Database database) {
        this.database = database;
    }

    /**
     * Creates a dossier.
     *
     * @return false when a dossier with that id exists already
     */
    public boolean create(Dossier d) throws SQLException {
        try (Connection c = database.connection()) {
            if (find(c, d.id()).isPresent()) {
                return false;
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO dossier ("
                                    + COLUMNS
                                    + ", created_at) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, d.id());
                ps.setString(2, d.name());
                ps.setString(3, d.country());
                ps.setString(4, d.registrationId());
                ps.setString(5, d.vatNumber());
                ps.setString(6, d.language());
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return false; // created concurrently
                }
                throw e;
            }
        }
    }

    public Optional<Dossier> find(String id) throws SQLException {
        try (Connection c = database.connection()) {
            return find(c, id);
        }
    }

    public List<Dossier> list() throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM dossier ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Dossier> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        }
    }

    private static Optional<Dossier> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM dossier WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Dossier map(ResultSet rs) throws SQLException {
        return new Dossier(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3).trim(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
    }
}
