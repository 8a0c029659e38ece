package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether an invoice repeats one already in the dossier, whatever channel or syntax each
 * came by: the check compares the semantic invoices (seller, number, type, issue date, amount).
 */
@ConsumerType
public interface DuplicateCheck {
    /**
     * Checks one invoice against the documents checked before it in the dossier, then remembers it.
     * Checking the same document again gives the same verdict and remembers it once.
     *
     * @param dossier the dossier id
     * @param documentId the id of the document being checked (never reported as its own duplicate)
     * @param invoice the invoice read
     */
    DuplicateVerdict check(String dossier, String documentId, Invoice invoice);

    /**
     * Forgets a document (deleted, or purged at the end of its retention): later checks no longer
     * match it. Nothing happens for a document never checked.
     *
     * @param dossier the dossier id
     * @param documentId the document id
     */
    void forget(String dossier, String documentId);

    /**
     * The verdict.
     *
     * @param outcome none, suspected, or duplicate: the strongest of the matches
     * @param matches the earlier documents it repeats, strongest first; empty when outcome is NONE
     * @param reason why, for the timeline (English; the matches say the same, structured)
     */
    record DuplicateVerdict(Outcome outcome, List<Match> matches, String reason) {
        public DuplicateVerdict {
            Objects.requireNonNull(outcome, "outcome");
            matches = List.copyOf(matches);
            reason = reason == null ? "" : reason;
        }

        /** The first earlier document repeated, empty when outcome is NONE. */
        public String ofDocumentId() {
            return matches.isEmpty() ? "" : matches.get(0).documentId();
        }
    }

    /**
     * One earlier document that the checked invoice repeats.
     *
     * @param documentId the earlier document
     * @param outcome suspected or duplicate
     * @param fields the fields found equal
     */
    record Match(String documentId, Outcome outcome, List<Field> fields) {
        public Match {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(outcome, "outcome");
            fields = List.copyOf(fields);
        }
    }

    /** A field compared by the check. */
    enum Field {
        /** BT-31 seller VAT id, else BT-30 legal registration id, else the seller's name. */
        SELLER,
        /** BT-1 invoice number, normalised. */
        NUMBER,
        /** Invoice or credit note (BT-3). */
        TYPE,
        /** BT-2 issue date. */
        ISSUE_DATE,
        /** BT-115 amount due for payment, in BT-5 currency. */
        PAYABLE_AMOUNT
    }

    /** The outcome of a check. */
    enum Outcome {
        NONE,
        SUSPECTED,
        DUPLICATE
    }
}
