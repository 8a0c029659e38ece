package io.facteur.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/** The legal archive: stores originals untouched, returns them, and proves their integrity. */
@ConsumerType
public interface Archive {
    /**
     * Archives a document; archiving the same bytes twice gives the same entry.
     *
     * @param dossier the dossier id
     * @param documentId the document id
     * @param original the original bytes
     */
    ArchiveEntry store(String dossier, String documentId, Document original);

    /** The archived original, or empty when the document is not archived. */
    Optional<Document> retrieve(String dossier, String documentId);

    /** Checks the whole dossier's archive (hashes, chain, seals). */
    IntegrityReport verify(String dossier);

    /**
     * An archived entry.
     *
     * @param documentId the document id
     * @param sha256 the hex SHA-256 of the original
     * @param archivedAt ISO-8601 instant
     * @param retainUntil ISO-8601 date before which the entry cannot be deleted
     */
    record ArchiveEntry(String documentId, String sha256, String archivedAt, String retainUntil) {}

    /**
     * The result of a verification.
     *
     * @param intact true when every entry matches its proof
     * @param entriesChecked how many entries were checked
     * @param problem what is wrong, empty when intact
     */
    record IntegrityReport(boolean intact, long entriesChecked, String problem) {}
}
