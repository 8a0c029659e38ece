package io.facteur.invoicing.internal;

import io.facteur.invoicing.internal.DocumentStateException.Reason;
import io.facteur.invoicing.internal.StoredDocument.State;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The documents of {@value InvoicingSchema#DOCUMENT}: drafts the user edits with optimistic locking
 * (each change gives the version it read; a change made meanwhile wins and the late one is
 * refused), and issued invoices, which nothing here changes or deletes: only {@link Issuing} moves
 * a document forward.
 */
public final class Documents {
    private static final String COLUMNS =
            "id, dossier, state, kind, draft, number, issue_date, issued, inbox_document_id,"
                    + " created_at, updated_at, version";

    private final InvoicingDatabase database;
    private final Clock clock;

    public Documents(InvoicingDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Stores a new draft, version 1. */
    public StoredDocument create(String dossier, Draft draft) throws SQLException {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + InvoicingSchema.DOCUMENT
                                        + " (id, dossier, state, kind, draft, created_at,"
                                        + " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
            p.setString(1, id);
            p.setString(2, dossier);
            p.setString(3, State.DRAFT.name());
            p.setString(4, kind(draft));
            p.setString(5, Json.write(draft));
            p.setTimestamp(6, now);
            p.setTimestamp(7, now);
            p.executeUpdate();
        }
        return find(dossier, id).orElseThrow();
    }

    /**
     * Replaces a draft.
     *
     * @param version the version the user edited
     * @return the stored draft with its new version
     * @throws DocumentStateException when it is missing, changed meanwhile or issued
     */
    public StoredDocument update(String dossier, String id, long version, Draft draft)
            throws SQLException, DocumentStateException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + InvoicingSchema.DOCUMENT
                                        + " SET draft = ?, kind = ?, updated_at = ?,"
                                        + " version = version + 1"
                                        + " WHERE id = ? AND dossier = ? AND version = ?"
                                        + " AND state = ?")) {
            p.setString(1, Json.write(draft));
            p.setString(2, kind(draft));
            p.setTimestamp(3, Timestamp.from(clock.instant()));
            p.setString(4, id);
            p.setString(5, dossier);
            p.setLong(6, version);
            p.setString(7, State.DRAFT.name());
            if (p.executeUpdate() != 1) {
                throw refusal(dossier, id);
            }
        }
        return find(dossier, id).orElseThrow();
    }

    /**
     * Deletes a draft; an issued invoice is never deleted.
     *
     * @throws DocumentStateException when it is missing, changed meanwhile or issued
     */
    public void delete(String dossier, String id, long version)
            throws SQLException, DocumentStateException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "DELETE FROM "
                                        + InvoicingSchema.DOCUMENT
                                        + " WHERE id = ? AND dossier = ? AND version = ?"
                                        + " AND state = ?")) {
            p.setString(1, id);
            p.setString(2, dossier);
            p.setLong(3, version);
            p.setString(4, State.DRAFT.name());
            if (p.executeUpdate() != 1) {
                throw refusal(dossier, id);
            }
        }
    }

    /** A document of the dossier. */
    public Optional<StoredDocument> find(String dossier, String id) throws SQLException {
        try (Connection c = database.connection()) {
            return find(c, dossier, id);
        }
    }

    /** The dossier's documents, the newest first. */
    public List<StoredDocument> list(String dossier) throws SQLException {
        List<StoredDocument> documents = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM "
                                        + InvoicingSchema.DOCUMENT
                                        + " WHERE dossier = ? ORDER BY created_at DESC, id")) {
            p.setString(1, dossier);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    documents.add(row(r));
                }
            }
        }
        return documents;
    }

    static Optional<StoredDocument> find(Connection c, String dossier, String id)
            throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM "
                                + InvoicingSchema.DOCUMENT
                                + " WHERE id = ? AND dossier = ?")) {
            p.setString(1, id);
            p.setString(2, dossier);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private DocumentStateException refusal(String dossier, String id) throws SQLException {
        Optional<StoredDocument> stored = find(dossier, id);
        if (stored.isEmpty()) {
            return new DocumentStateException(Reason.NOT_FOUND, id);
        }
        return new DocumentStateException(
                stored.get().state() == State.DRAFT ? Reason.STALE : Reason.ISSUED, id);
    }

    static String kind(Draft draft) {
        return draft.creditNote() ? "credit" : "invoice";
    }

    private static StoredDocument row(ResultSet r) throws SQLException {
        Date issueDate = r.getDate(7);
        String issued = r.getString(8);
        return new StoredDocument(
                r.getString(1),
                r.getString(2),
                State.valueOf(r.getString(3)),
                "credit".equals(r.getString(4)),
                Json.read(r.getString(5), Draft.class),
                r.getString(6),
                issueDate == null ? null : issueDate.toLocalDate(),
                issued == null ? null : Json.read(issued, IssuedInvoice.class),
                r.getString(9),
                instant(r.getTimestamp(10)),
                instant(r.getTimestamp(11)),
                r.getLong(12));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
