package io.facteur.core.internal.customer;

import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import io.facteur.core.internal.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The customer directory of the dossiers, in the {@code customer} table. */
public final class CustomerStore {
    private static final String COLUMNS =
            "id, dossier_id, match_key, name, emails, language, address_line1, address_line2, city,"
                    + " post_code, country, preferred_channel, preferred_format, edited_by, updated_at,"
                    + " buyer_reference, electronic_address";
    private static final Pattern SPACES = Pattern.compile("[\\s.\\-]+");

    private final Database database;

    public CustomerStore(Database database) {
        this.database = database;
    }

    /**
     * How a buyer is recognised from one invoice to the next, whatever its syntax: its VAT id, else
     * its legal registration, else its identifier, else its name; normalised (case, spaces). Empty
     * when the buyer names nothing.
     */
    public static Optional<String> matchKey(Party buyer) {
        if (buyer == null) {
            return Optional.empty();
        }
        for (String[] candidate :
                new String[][] {
                    {"vat:", buyer.vatId()},
                    {"reg:", buyer.legalRegistrationId()},
                    {"id:", buyer.identifier()},
                    {"name:", buyer.name()}
                }) {
            String value = SPACES.matcher(candidate[1]).replaceAll("").toUpperCase(Locale.ROOT);
            if (!value.isEmpty()) {
                return Optional.of(clip(candidate[0] + value, 300));
            }
        }
        return Optional.empty();
    }

    /**
     * The customer of an invoice's buyer, added to the directory when it is new. What a user edited
     * is never overwritten; what the directory lacks (an address, an e-mail address named by the
     * invoice) is filled in.
     *
     * @return the customer's id, empty when the buyer names nothing
     */
    public Optional<String> fromBuyer(Connection c, String dossier, Party buyer)
            throws SQLException {
        Optional<String> key = matchKey(buyer);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<Customer> known = findByKey(c, dossier, key.get());
        String email = emailOf(buyer);
        if (known.isPresent()) {
            Customer k = known.get();
            boolean addEmail = k.emails().isEmpty() && email != null;
            boolean addAddress = k.address() == null && usable(buyer.address());
            if (addEmail || addAddress) {
                save(
                        c,
                        new Customer(
                                k.id(),
                                k.dossier(),
                                k.matchKey(),
                                k.name(),
                                addEmail ? List.of(email) : k.emails(),
                                k.language(),
                                addAddress ? buyer.address() : k.address(),
                                k.preferredChannel(),
                                k.preferredFormat(),
                                k.buyerReference(),
                                k.electronicAddress(),
                                k.editedBy(),
                                Instant.now()),
                        false);
            }
            return Optional.of(k.id());
        }
        Customer added =
                new Customer(
                        io.facteur.core.internal.Ids.next(),
                        dossier,
                        key.get(),
                        buyer.name().isBlank() ? key.get() : buyer.name(),
                        email == null ? List.of() : List.of(email),
                        null,
                        usable(buyer.address()) ? buyer.address() : null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Instant.now());
        // two invoices of a new buyer read at once: the second insert loses to the first, and the
        // first one's customer is the one (a savepoint keeps the transaction alive on PostgreSQL)
        java.sql.Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            save(c, added, true);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            if (before != null) {
                c.rollback(before);
            }
            return findByKey(c, dossier, key.get()).map(Customer::id);
        }
        if (before != null) {
            c.releaseSavepoint(before);
        }
        return Optional.of(added.id());
    }

    /** The buyer's electronic address (BT-49) when it is an e-mail address. */
    private static String emailOf(Party buyer) {
        String a = buyer.electronicAddress().trim();
        return Emails.valid(a) ? a : null;
    }

    private static boolean usable(PostalAddress a) {
        return a != null && a.line1() != null && !a.line1().isBlank();
    }

    /** Adds ({@code insert}) or replaces a customer, within the caller's transaction. */
    public void save(Connection c, Customer k, boolean insert) throws SQLException {
        String sql =
                insert
                        ? "INSERT INTO customer (name, emails, language, address_line1, address_line2,"
                                + " city, post_code, country, preferred_channel, preferred_format,"
                                + " edited_by, updated_at, buyer_reference, electronic_address, id,"
                                + " dossier_id, match_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                        : "UPDATE customer SET name = ?, emails = ?, language = ?, address_line1 = ?,"
                                + " address_line2 = ?, city = ?, post_code = ?, country = ?,"
                                + " preferred_channel = ?, preferred_format = ?, edited_by = ?,"
                                + " updated_at = ?, buyer_reference = ?, electronic_address = ?"
                                + " WHERE id = ? AND dossier_id = ? AND match_key = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            PostalAddress a = k.address();
            ps.setString(1, clip(k.name(), 300));
            ps.setString(2, clip(String.join(",", k.emails()), 1000));
            ps.setString(3, k.language());
            ps.setString(4, a == null ? null : clip(a.line1(), 300));
            ps.setString(5, a == null ? null : clip(a.line2(), 300));
            ps.setString(6, a == null ? null : clip(a.city(), 200));
            ps.setString(7, a == null ? null : clip(a.postCode(), 40));
            ps.setString(8, a == null ? null : clip(a.countryCode(), 2));
            ps.setString(9, k.preferredChannel());
            ps.setString(10, k.preferredFormat());
            ps.setString(11, clip(k.editedBy(), 200));
            ps.setTimestamp(12, Timestamp.from(k.updatedAt()));
            ps.setString(13, clip(k.buyerReference(), 200));
            ps.setString(14, clip(k.electronicAddress(), 300));
            ps.setString(15, k.id());
            ps.setString(16, k.dossier());
            ps.setString(17, k.matchKey());
            ps.executeUpdate();
        }
    }

    public Optional<Customer> find(Connection c, String dossier, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM customer WHERE dossier_id = ? AND id = ?")) {
            ps.setString(1, dossier);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Customer> find(String dossier, String id) throws SQLException {
        try (Connection c = database.connection()) {
            return find(c, dossier, id);
        }
    }

    /** The customer an invoice's buyer would match. */
    public Optional<Customer> findByKey(Connection c, String dossier, String key)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM customer WHERE dossier_id = ? AND match_key = ?")) {
            ps.setString(1, dossier);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** A dossier's customers by name, those whose name or an address contains {@code q}. */
    public List<Customer> list(String dossier, String q, int limit) throws SQLException {
        return select(dossier, q, limit, false);
    }

    /**
     * A dossier's customers by name, those whose name, an address or the identifier invoices find
     * them by (the match key: VAT id, else registration, else identifier) contains {@code q}.
     */
    public List<Customer> search(String dossier, String q, int limit) throws SQLException {
        return select(dossier, q, limit, true);
    }

    private List<Customer> select(String dossier, String q, int limit, boolean byKey)
            throws SQLException {
        boolean filtered = q != null && !q.isBlank();
        String key =
                filtered && byKey
                        ? SPACES.matcher(like(q)).replaceAll("").toLowerCase(Locale.ROOT)
                        : "";
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM customer WHERE dossier_id = ?"
                        + (filtered
                                ? " AND (LOWER(name) LIKE ? OR LOWER(emails) LIKE ?"
                                        + (key.isEmpty() ? "" : " OR LOWER(match_key) LIKE ?")
                                        + ")"
                                : "")
                        + " ORDER BY name, id FETCH FIRST "
                        + Math.max(1, Math.min(limit, 1000))
                        + " ROWS ONLY";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, dossier);
            if (filtered) {
                String like = "%" + like(q).toLowerCase(Locale.ROOT) + "%";
                ps.setString(2, like);
                ps.setString(3, like);
                if (!key.isEmpty()) {
                    ps.setString(4, "%" + key + "%");
                }
            }
            List<Customer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    /** The text without the characters LIKE gives a meaning to. */
    private static String like(String q) {
        return q.replace("\\", "").replace("%", "").replace("_", "");
    }

    private static Customer map(ResultSet rs) throws SQLException {
        String emails = rs.getString(5);
        String line1 = rs.getString(7);
        return new Customer(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                emails == null || emails.isBlank() ? List.of() : Arrays.asList(emails.split(",")),
                rs.getString(6),
                line1 == null
                        ? null
                        : new PostalAddress(
                                line1,
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10),
                                rs.getString(11)),
                rs.getString(12),
                rs.getString(13),
                rs.getString(16),
                rs.getString(17),
                rs.getString(14),
                rs.getTimestamp(15).toInstant());
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
