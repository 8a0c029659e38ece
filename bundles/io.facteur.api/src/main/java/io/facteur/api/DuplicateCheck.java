package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import org.osgi.annotation.versioning.ConsumerType;

/** Decides whether an invoice repeats one already in the dossier. */
@ConsumerType
public interface DuplicateCheck {
    /**
     * Checks one invoice against the dossier.
     *
     * @param dossier the dossier id
     * @param documentId the id of the document being checked (never reported as its own duplicate)
     * @param invoice the invoice read
     */
    DuplicateVerdict check(String dossier, String documentId, Invoice invoice);

    /**
     * The verdict.
     *
     * @param outcome none, suspected, or duplicate
     * @param ofDocumentId the earlier document, empty when outcome is NONE
     * @param reason why, for the timeline
     */
    record DuplicateVerdict(Outcome outcome, String ofDocumentId, String reason) {}

    /** The outcome of a check. */
    enum Outcome {
        NONE,
        SUSPECTED,
        DUPLICATE
    }
}
