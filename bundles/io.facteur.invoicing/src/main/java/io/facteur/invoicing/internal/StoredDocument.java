package io.facteur.invoicing.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A document of online invoicing as the database holds it: a draft, then an issued invoice or
 * credit note with its snapshot, then one handed to the dossier's inbox.
 *
 * @param id the document's id
 * @param dossier the dossier id
 * @param state where it stands
 * @param creditNote true for a credit note
 * @param draft what the user wrote (for an issued one: as it was when issued)
 * @param number the invoice number, null for a draft
 * @param issueDate the issue date, null for a draft
 * @param issued the snapshot the CII and PDF are written from, null for a draft
 * @param inboxDocumentId the inbox's id of the Factur-X, null until submitted
 * @param created when the draft was created
 * @param updated when the row last changed
 * @param version the version to give back when changing it (optimistic locking)
 */
public record StoredDocument(
        String id,
        String dossier,
        State state,
        boolean creditNote,
        Draft draft,
        String number,
        LocalDate issueDate,
        IssuedInvoice issued,
        String inboxDocumentId,
        Instant created,
        Instant updated,
        long version) {

    /** The life of a document: only a draft can change. */
    public enum State {
        /** Being written, editable, without a number. */
        DRAFT,
        /** Numbered and final; its Factur-X is not yet in the inbox. */
        ISSUED,
        /** Its Factur-X is in the dossier's inbox. */
        SUBMITTED
    }
}
